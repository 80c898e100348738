// Reads a model file from disk for the command line (size-capped) and loads it through the engine's weight
// readers (src/engine/weights).

import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { MAX_MODEL_FILE_BYTES } from '../engine/limits';
import { WeightFileError } from '../engine/weights/errors';
import { loadModelFile, type LoadedModelFile, type LoadOptions } from '../engine/weights/index';
import { progressLine } from './progress';

export { MAX_MODEL_FILE_BYTES } from '../engine/limits';

export function readInputFile(path: string, maxBytes: number): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new WeightFileError(basename(path), 'cannot be read (no such file?)', 'unreadable');
  }
  if (size > maxBytes) throw new WeightFileError(basename(path), `is ${size} bytes, over the ${maxBytes}-byte limit`, 'too-large');
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Loads a model file, with a progress line on stderr (a terminal only) when it takes over a second. */
export async function loadModelFromDisk(path: string, opts: LoadOptions = {}): Promise<LoadedModelFile> {
  const progress = progressLine(`reading ${basename(path)}`);
  try {
    return await loadModelFile(readInputFile(path, MAX_MODEL_FILE_BYTES), basename(path), { onProgress: (f) => progress.fraction(f), ...opts });
  } finally {
    progress.end();
  }
}
