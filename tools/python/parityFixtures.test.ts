// fixtures/parity (tools/python/make_parity_fixtures.py) and fixtures/rivals (make_rival_fixtures.py: ConvNeXt, ViT):
// official training-format .pth files of tiny random models, read by the project's loader and run by its engine
// (tfjs CPU backend), against PyTorch's logits.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/engine/models/model';
import { loadModelFile } from '../../src/engine/weights/index';
import { readNpy } from './npy';

const DIRS = ['fixtures/parity', 'fixtures/rivals'];
interface ParityCase {
  name: string;
  config: Record<string, unknown>;
  inputShapeNCHW: [number, number, number, number];
  maxAbsLogit: number;
  files: { pth: string; bare?: string; modulePrefix?: string; input: string; logits: string };
}

// float32 on both sides, different summation orders: ~1e-6 relative; bound 1e-4 of max |logit|.
const TOLERANCE = 1e-4;

function nchwToNhwc(x: Float32Array, [b, c, h, w]: number[]): Float32Array {
  const out = new Float32Array(x.length);
  for (let n = 0; n < b; n++)
    for (let k = 0; k < c; k++)
      for (let y = 0; y < h; y++) for (let z = 0; z < w; z++) out[((n * h + y) * w + z) * c + k] = x[((n * c + k) * h + y) * w + z];
  return out;
}

describe('parity fixtures: loader + engine vs PyTorch', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  const cases = DIRS.flatMap((dir) => (JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as { cases: ParityCase[] }).cases.map((c) => ({ ...c, dir })));
  for (const c of cases) {
    const DIR = c.dir;
    // [file, logits key, weights choice]; bare state dicts take no choice (the loader refuses one)
    const variants: [string, string, 'ema' | 'model' | undefined][] = [[c.files.pth, 'model', 'model']];
    if (c.files.bare) variants.push([c.files.bare, 'model', undefined]);
    if (c.files.modulePrefix) variants.push([c.files.modulePrefix, 'model', undefined]);
    const logits = JSON.parse(readFileSync(`${DIR}/${c.files.logits}`, 'utf8')) as Record<string, number[][]>;
    if (logits.model_ema) variants.push([c.files.pth, 'model_ema', 'ema']);
    for (const [file, key, choice] of variants) {
      it(`${c.name}: ${file} (${key})`, async () => {
        const loaded = await loadModelFile(new Uint8Array(readFileSync(`${DIR}/${file}`)), file, choice ? { weights: choice } : {});
        expect(loaded.config).toEqual(c.config);
        const model = buildModel(loaded.config, loaded.weights);
        const [b, , h, w] = c.inputShapeNCHW;
        const x = readNpy(new Uint8Array(readFileSync(`${DIR}/${c.files.input}`)), c.files.input).data as Float32Array;
        const input = tf.tensor4d(nchwToNhwc(x, c.inputShapeNCHW), [b, h, w, 3]);
        const out = model.predict(input);
        const got = out.dataSync();
        const want = logits[key].flat();
        let err = 0;
        for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(got[i] - want[i]));
        const scale = Math.max(...want.map(Math.abs));
        expect(err, `max |diff| ${err} vs max |logit| ${scale}`).toBeLessThan(TOLERANCE * scale);
        tf.dispose([input, out]);
        model.dispose();
      });
    }
  }
});
