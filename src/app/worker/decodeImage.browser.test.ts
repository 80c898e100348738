// The page's image path over every image of the project's hostile corpus: the shared header, structure and
// resampling checks, then Chromium's own decoder (createImageBitmap, as in the worker). The command line's decoders
// meet the same files in `npm run test:hostile`; this is the browser's half. Each refusal carries its expected code
// and names the file in one short line; each control is accepted at its own size.
import { describe, expect, it } from 'vitest';
import type { Preprocessing } from '../../engine/config';
import { isInputError, MAX_ERROR_MESSAGE } from '../../engine/errors';
import { imageFiles } from '../../engine/testing/hostileCorpus';
import coffeeUrl from '../../../fixtures/images/coffee.png?url';
import { decodeImageBytes } from './decodeImage';
import { setResourceBudget } from '../../engine/budget';
import { DEFAULT_MEMORY_BUDGET_BYTES, DEFAULT_TIME_BUDGET_S } from '../../engine/limits';

/** The bundled models' preprocessing (64x64 grey from a 73-pixel short side): the resampling limit is checked against it. */
const bundled: Preprocessing = { inputSize: 64, resizeTo: 73, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5], grayscale: true, interpolation: 'bilinear' };

// jpeg-js's encoder (the corpus writes its JPEGs with it) returns `Buffer.from(bytes)` whenever `module` exists, as it
// does in Vite's CommonJS wrapper: in the page, the same bytes as a Uint8Array.
(globalThis as { Buffer?: unknown }).Buffer ??= { from: (bytes: ArrayLike<number>) => Uint8Array.from(bytes) };

describe('hostile images through the page decoder', () => {
  it('every file is refused with its code, naming the file, or accepted at its size', async () => {
    // The corpus's verdicts are for the default budget (the command line's, a phone tab's); a desktop page's budget
    // grows with navigator.deviceMemory and would take the 40 MP files. The same budget module runs here.
    const before = setResourceBudget({ memoryBytes: DEFAULT_MEMORY_BUDGET_BYTES, seconds: DEFAULT_TIME_BUDGET_S });
    try {
      const png = new Uint8Array(await (await fetch(coffeeUrl)).arrayBuffer());
      const files = await imageFiles({ png }, false);
      expect(files.length).toBeGreaterThanOrEqual(10);
      for (const f of files) {
        const outcome = await decodeImageBytes(f.bytes, f.name, bundled).then(
          (img) => ({ img, error: null }),
          (error: unknown) => ({ img: null, error }),
        );
        if (f.expect === 'accept') {
          expect(outcome.error, f.name).toBeNull();
          expect(`${outcome.img!.width}x${outcome.img!.height}`, f.name).toBe(f.name.match(/(\d+x\d+)/)![1]);
          continue;
        }
        expect(isInputError(outcome.error), `${f.name}: ${String(outcome.error)}`).toBe(true);
        const e = outcome.error as Error & { code: string };
        expect(e.code, `${f.name}: ${e.message}`).toBe(f.code);
        expect(e.message, f.name).toContain(f.name);
        expect(e.message.length, f.name).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
      }
    } finally {
      setResourceBudget(before);
    }
  });
});
