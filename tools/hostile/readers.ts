// The readers a hostile file meets, in process: the command line's (model -> convert, image -> decode +
// preprocess with the model's preprocessing, .npy -> parse) and the browser worker's (model -> the same
// loader + web-format conversion it caches; image -> the shared header, structure and resampling checks
// it runs before handing the bytes to the browser's decoder). Used by corpus.test.ts and run.ts.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../src/cli/imageFile';
import { nchwToNhwc, readNpy } from '../../src/cli/npy';
import { checkImageHeader, checkResampleSize, preprocess } from '../../src/engine/image/index';
import { MAX_ERROR_MESSAGE, isInputError } from '../../src/engine/errors';
import { checkForwardBudget } from '../../src/engine/budget';
import { checkPngInflation } from '../../src/engine/image/structure';
import { MAX_PNG_CHUNKS } from '../../src/engine/limits';
import type { CorpusSources, HostileFile } from '../../src/engine/testing/hostileCorpus';
import { loadModelFile, toWebFormat, type LoadedModelFile } from '../../src/engine/weights/index';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => new Uint8Array(readFileSync(root + path));

export function corpusSources(): CorpusSources {
  return {
    webModel: read('public/models/hcnet-fashion-mnist.safetensors'),
    torchModel: read('fixtures/torch/hcnet.pth'),
    png: read('fixtures/images/coffee.png'),
  };
}

/** The command line's readers (what `convert`, `predict` do with the file before any model runs). */
export async function cliRead(f: HostileFile, model: LoadedModelFile): Promise<void> {
  if (f.reader === 'model') toWebFormat(await loadModelFile(f.bytes, f.name));
  else if (f.reader === 'image') preprocess(decodeImage(f.bytes, f.name, model.preprocessing), model.preprocessing, f.name);
  else {
    // What `vheat predict` does with a .npy before the model runs: read it, then check each image's forward pass.
    const { shape } = nchwToNhwc(readNpy(f.bytes, f.name), f.name);
    checkForwardBudget(f.name, model.config, shape[1], shape[2]);
  }
}

/** The browser worker's readers that run outside the browser's own decoder (.npy is a CLI input only). */
export async function workerRead(f: HostileFile, model: LoadedModelFile): Promise<void> {
  if (f.reader === 'model') toWebFormat(await loadModelFile(f.bytes, f.name));
  else if (f.reader === 'image') {
    const h = checkImageHeader(f.bytes, f.name);
    checkResampleSize(h.width, h.height, model.preprocessing, f.name);
    if (h.format === 'png') await checkPngInflation(f.bytes, f.name, MAX_PNG_CHUNKS);
  }
}

/** What went wrong with one file's outcome, or null when it met its expectation. */
export function verdict(f: HostileFile, error: unknown): string | null {
  if (f.expect === 'accept') return error === null ? null : `refused a file that must be accepted: ${describe(error)}`;
  if (error === null) return 'accepted a file that must be refused';
  if (!isInputError(error)) return `not a typed refusal: ${describe(error)}`;
  if (error.code !== f.code) return `code ${error.code}, expected ${f.code}: ${error.message}`;
  if (error.message.length > MAX_ERROR_MESSAGE || /[\n\r]/.test(error.message)) return `message over one line of ${MAX_ERROR_MESSAGE} characters (${error.message.length})`;
  if (!error.message.includes(f.name)) return `message does not name the file: ${error.message}`;
  return null;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e).slice(0, 200);
}
