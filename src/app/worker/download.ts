// Downloads of the worker (bundled models, sample images) with the model file's byte limit checked as bytes arrive.
import { concatBytes } from '../../engine/bytes';
import { MAX_MODEL_FILE_BYTES } from '../../engine/limits';
import { WeightFileError } from '../../engine/weights';

/** Model files larger than this are not downloaded or read (vHeat-B is about 350 MB); shared with the CLI. */
export const MAX_MODEL_BYTES = MAX_MODEL_FILE_BYTES;

export const fileOfUrl = (url: string) => url.split('/').pop() || url;

export const overLimit = (name: string, size?: number) =>
  new WeightFileError(name, `${size === undefined ? 'the file is' : `${size} bytes is`} over the ${MAX_MODEL_BYTES / 2 ** 30} GiB limit`, 'too-large');

export interface DownloadProgress {
  /** The response arrived: its Content-Length (0 when absent). */
  started?(total: number): void;
  /** Bytes so far. */
  bytes?(loaded: number, total: number): void;
}

export async function fetchBytes(url: string, progress: DownloadProgress = {}): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new WeightFileError(fileOfUrl(url), `download failed (HTTP ${res.status})`, 'unreadable');
  const total = Number(res.headers.get('content-length') ?? 0);
  if (total > MAX_MODEL_BYTES) throw overLimit(fileOfUrl(url), total);
  progress.started?.(total);
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    got += value.byteLength;
    if (got > MAX_MODEL_BYTES) throw overLimit(fileOfUrl(url));
    progress.bytes?.(got, total);
  }
  return concatBytes(chunks, got);
}
