// Downloads one file over HTTP(S) into `dest`, resumably: the bytes go to `dest.part` beside it, a later call (or an
// automatic retry after a cut connection) asks for the rest with an HTTP Range request, and `dest` appears only
// when every announced byte has arrived. Goes through the proxy that HTTP_PROXY / HTTPS_PROXY / NO_PROXY name
// (undici's EnvHttpProxyAgent: Node's own fetch ignores them). Every failure is a typed one-line DownloadError.

import { closeSync, existsSync, openSync, renameSync, statSync, truncateSync, writeSync } from 'node:fs';
import { EnvHttpProxyAgent, fetch, type Dispatcher } from 'undici';
import { DownloadError, describeFetchFailure } from './downloadError';

export interface DownloadProgress {
  /** Bytes in the file so far (resumed ones included). */
  received: number;
  /** Bytes the server announced for the whole file; null when it did not say. */
  total: number | null;
  /** Bytes that were already there when this download started (a resumed partial file). */
  resumedFrom: number;
}

export interface DownloadOptions {
  url: string;
  /** The finished file; the partial one is `${dest}.part`. */
  dest: string;
  /** Refused before a byte is written when the server announces more (and cut off past it when it does not). */
  maxBytes: number;
  onProgress?: (p: DownloadProgress) => void;
  /** Default: a fresh EnvHttpProxyAgent (reads the proxy variables at this call). */
  dispatcher?: Dispatcher;
  /** Further tries after a connection that broke mid-body, each resuming with a Range request (default 2). */
  retries?: number;
}

export const partialPath = (dest: string) => `${dest}.part`;

const fileSize = (path: string) => (existsSync(path) ? statSync(path).size : 0);

interface Attempt {
  /** Where the body starts in the file (0: the server sent it whole). */
  start: number;
  total: number | null;
  body: AsyncIterable<Uint8Array>;
}

/** One request: the whole file, or the rest of it from `have` bytes on. */
async function request(o: DownloadOptions, name: string, dispatcher: Dispatcher, have: number): Promise<Attempt | 'complete'> {
  const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
  let res;
  try {
    res = await fetch(o.url, { dispatcher, headers, redirect: 'follow' });
  } catch (e) {
    throw describeFetchFailure(name, o.url, e);
  }
  const length = res.headers.get('content-length');
  if (res.status === 416 && have > 0) {
    // The partial file may already be whole ("bytes */TOTAL").
    const whole = Number(/\*\/(\d+)/.exec(res.headers.get('content-range') ?? '')?.[1] ?? NaN);
    await res.body?.cancel();
    if (whole === have) return 'complete';
    truncateSync(partialPath(o.dest), 0);
    return request(o, name, dispatcher, 0);
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new DownloadError(name, `${o.url} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, 'network');
  }
  if (res.status === 206) {
    const range = /bytes (\d+)-\d+\/(\d+|\*)/.exec(res.headers.get('content-range') ?? '');
    if (!range || Number(range[1]) !== have) {
      await res.body.cancel();
      throw new DownloadError(name, `the server resumed at the wrong place (${res.headers.get('content-range') ?? 'no Content-Range'}; wanted byte ${have})`, 'malformed');
    }
    return { start: have, total: range[2] === '*' ? null : Number(range[2]), body: res.body };
  }
  // 200: the whole file (a server that ignores Range starts again from byte 0).
  return { start: 0, total: length === null ? null : Number(length), body: res.body };
}

/** Writes one response body into the partial file; returns the file's size after it. Throws on a broken connection. */
async function receive(o: DownloadOptions, name: string, a: Attempt, resumedFrom: number): Promise<number> {
  const part = partialPath(o.dest);
  if (a.total !== null && a.total > o.maxBytes) {
    throw new DownloadError(name, `the server announces ${a.total} bytes, over the ${o.maxBytes}-byte limit`, 'too-large');
  }
  const fd = openSync(part, a.start > 0 ? 'a' : 'w');
  let received = a.start;
  try {
    o.onProgress?.({ received, total: a.total, resumedFrom });
    for await (const chunk of a.body) {
      received += chunk.byteLength;
      if (received > (a.total ?? o.maxBytes)) {
        throw new DownloadError(name, `more bytes arrived than ${a.total === null ? 'the limit allows' : `the ${a.total} announced`}`, a.total === null ? 'too-large' : 'malformed');
      }
      writeSync(fd, chunk);
      o.onProgress?.({ received, total: a.total, resumedFrom });
    }
  } catch (e) {
    if (e instanceof DownloadError) throw e;
    return -received - 1; // a cut connection: the caller resumes
  } finally {
    closeSync(fd);
  }
  return received;
}

/** Downloads `o.url` into `o.dest` (resuming `${dest}.part` when there is one); returns the file's size. */
export async function downloadFile(o: DownloadOptions): Promise<{ bytes: number; resumedFrom: number }> {
  const name = o.dest.split(/[\\/]/).pop() ?? o.dest;
  const dispatcher = o.dispatcher ?? new EnvHttpProxyAgent();
  const resumedFrom = fileSize(partialPath(o.dest));
  let tries = (o.retries ?? 2) + 1;
  for (;;) {
    tries--;
    const have = fileSize(partialPath(o.dest));
    const attempt = await request(o, name, dispatcher, have);
    if (attempt === 'complete') break;
    const got = await receive(o, name, attempt, resumedFrom);
    const total = attempt.total;
    if (got >= 0 && (total === null || got === total)) break;
    const size = got >= 0 ? got : -got - 1;
    // A short body or a cut connection: resume while tries are left and the last one made progress.
    if (tries <= 0 || size <= have) {
      const of = `${size} of ${total ?? 'the announced'} bytes arrived`;
      if (got >= 0) throw new DownloadError(name, `truncated: the server ended the file early (${of})`, 'malformed');
      throw new DownloadError(name, `the connection broke (${of}): run the same command again to resume from ${partialPath(name)}`, 'network');
    }
  }
  renameSync(partialPath(o.dest), o.dest);
  return { bytes: fileSize(o.dest), resumedFrom };
}
