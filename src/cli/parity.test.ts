// Parity with PyTorch: each checkpoint written by tools/python/make_parity_fixtures.py (official
// state-dict layout, official training format and bare / module.-prefixed) is converted to the web
// format, loaded back, run on the tfjs CPU backend, and compared with the PyTorch logits:
// max |difference| <= 1e-4 of max |logit|, same top-5.

import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../engine/models/model';
import { loadModelFile, toWebFormat, type LoadOptions } from '../engine/weights/index';
import { nchwToNhwc, readNpy } from './npy';
import { topK } from '../engine/models/classScores';

const dir = new URL('../../fixtures/parity/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
interface Case { name: string; files: Record<string, string> }
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as { cases: Case[] };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Convert (pth -> web format), load the converted bytes, predict on the .npy input. */
async function convertAndPredict(file: string, input: string, opts: LoadOptions = {}, fp16 = false): Promise<number[][]> {
  const loaded = await loadModelFile(read(file), file, opts);
  const web = await loadModelFile(toWebFormat(loaded, { fp16 }), file.replace(/\.pth$/, '.safetensors'));
  expect(web.config).toEqual(loaded.config);
  const model = buildModel(web.config, web.weights);
  const x = nchwToNhwc(readNpy(read(input), input), input);
  const run = async () => {
    const logits = tf.tidy(() => model.predict(tf.tensor4d(x.data, x.shape)));
    const values = (await logits.array()) as number[][];
    logits.dispose();
    return values;
  };
  const first = await run();
  // Repeated inference holds no more tensors (the first run may cache per-size maps).
  const before = tf.memory().numTensors;
  expect(await run()).toEqual(first);
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
  return first;
}

function maxDiffRatio(got: number[][], want: number[][]): number {
  let maxAbs = 0;
  let maxDiff = 0;
  want.forEach((row, b) => row.forEach((v, i) => {
    maxAbs = Math.max(maxAbs, Math.abs(v));
    maxDiff = Math.max(maxDiff, Math.abs(v - got[b][i]));
  }));
  return maxDiff / maxAbs;
}

function expectParity(got: number[][], want: number[][], what: string) {
  expect(got.length, what).toBe(want.length);
  let maxAbs = 0;
  let maxDiff = 0;
  want.forEach((row, b) => row.forEach((v, i) => {
    maxAbs = Math.max(maxAbs, Math.abs(v));
    maxDiff = Math.max(maxDiff, Math.abs(v - got[b][i]));
  }));
  console.log(`${what}: max |diff| ${maxDiff.toExponential(2)} (max |logit| ${maxAbs.toFixed(3)})`);
  // 1e-4 of max |logit|: float32 tfjs vs float32 PyTorch differ only in summation order (~1e-6 relative).
  expect(maxDiff, what).toBeLessThanOrEqual(1e-4 * maxAbs);
  want.forEach((row, b) => {
    const labels = row.map((_, i) => String(i));
    expect(topK(got[b], labels, 5).map((t) => t.index), `${what} top-5 of item ${b}`).toEqual(topK(row, labels, 5).map((t) => t.index));
  });
}

describe('parity with PyTorch after conversion', () => {
  for (const c of manifest.cases) {
    it(`${c.name}: default weights (model_ema when present)`, async () => {
      const want = JSON.parse(readFileSync(new URL(c.files.logits, dir), 'utf8')) as Record<string, number[][]>;
      expectParity(await convertAndPredict(c.files.pth, c.files.input), want.model_ema ?? want.model, `${c.name} (${want.model_ema ? 'model_ema' : 'model'})`);
      if (want.model_ema) expectParity(await convertAndPredict(c.files.pth, c.files.input, { weights: 'model' }), want.model, `${c.name} (--weights model)`);
      if (c.files.bare) expectParity(await convertAndPredict(c.files.bare, c.files.input), want.model, `${c.name} (bare state dict)`);
      if (c.files.modulePrefix) expectParity(await convertAndPredict(c.files.modulePrefix, c.files.input), want.model, `${c.name} (module. prefix)`);
    });
  }

  it('fp16 storage (f32 compute) stays close to PyTorch: same top-1', async () => {
    for (const c of manifest.cases.filter((x) => ['vheat_post_ls', 'vheat_infer', 'hcnet'].includes(x.name))) {
      const want = JSON.parse(readFileSync(new URL(c.files.logits, dir), 'utf8')) as Record<string, number[][]>;
      const ref = want.model_ema ?? want.model;
      const got = await convertAndPredict(c.files.pth, c.files.input, {}, true);
      const ratio = maxDiffRatio(got, ref);
      console.log(`${c.name} fp16: max |diff| / max |logit| = ${ratio.toExponential(2)}`);
      // Weights rounded to 11 significant bits (relative 2^-11 ~ 5e-4 each); through a few layers that
      // stays well under 1% of the logit range at these sizes.
      expect(ratio).toBeLessThanOrEqual(1e-2);
      ref.forEach((row, b) => expect(got[b].indexOf(Math.max(...got[b]))).toBe(row.indexOf(Math.max(...row))));
    }
  });
});
