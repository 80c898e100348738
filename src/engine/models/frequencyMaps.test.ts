import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VHeatConfig } from '../config';
import { rateFromDecay } from '../ops/heat/rate';
import { diffusivityFromRate, fitEdgeReplicated, fitZeroPadded } from './frequencyMaps';
import { toInferenceMode } from './inferenceWeights';
import { buildModel } from './model';
import { randomWeights } from './randomWeights';
import { testSeed } from '../ops/testing/testRandom';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// A 2x3x1 map with distinct values: [[1,2,3],[4,5,6]].
const map = () => tf.tensor3d([1, 2, 3, 4, 5, 6], [2, 3, 1]);

describe('fitting frequency maps to another size', () => {
  it('zero-pads at the high-frequency end and crops to the leading rows/cols, per axis', () => {
    const m = map();
    expect(fitZeroPadded(m, 3, 4).arraySync()).toEqual([[[1], [2], [3], [0]], [[4], [5], [6], [0]], [[0], [0], [0], [0]]]);
    expect(fitZeroPadded(m, 1, 2).arraySync()).toEqual([[[1], [2]]]);
    expect(fitZeroPadded(m, 3, 2).arraySync()).toEqual([[[1], [2]], [[4], [5]], [[0], [0]]]);
    m.dispose();
  });

  it('edge replication repeats the last trained row/col', () => {
    const m = map();
    expect(fitEdgeReplicated(m, 3, 4).arraySync()).toEqual([[[1], [2], [3], [3]], [[4], [5], [6], [6]], [[4], [5], [6], [6]]]);
    expect(fitEdgeReplicated(m, 1, 2).arraySync()).toEqual([[[1], [2]]]);
    m.dispose();
  });

  it('k recovered from a decay map reproduces the rate and is 0 at the zero frequency', () => {
    const h = 3;
    const w = 4;
    const k = tf.tensor3d(Array.from({ length: h * w * 2 }, (_, i) => 0.1 + (i % 7) * 0.2), [h, w, 2]);
    const rate = tf.tidy(() => {
      const grid: number[] = [];
      for (let n = 0; n < h; n++) for (let m = 0; m < w; m++) grid.push((Math.PI * n / h) ** 2 + (Math.PI * m / w) ** 2);
      return tf.mul(k, tf.tensor3d(grid, [h, w, 1])) as tf.Tensor3D;
    });
    const decay = tf.exp(tf.neg(rate)) as tf.Tensor3D;
    const back = diffusivityFromRate(rateFromDecay(decay));
    const kb = back.dataSync();
    const ka = k.dataSync();
    expect(Math.abs(kb[0])).toBe(0); // -ln(1) may be -0
    expect(Math.abs(kb[1])).toBe(0);
    // float32 exp then log: relative error ~1e-6 of k (rate up to ~2 pi^2 k).
    for (let i = 2; i < ka.length; i++) expect(Math.abs(kb[i] - ka[i]) / ka[i]).toBeLessThan(1e-5);
    tf.dispose([k, rate, decay, back]);
  });
});

describe('inference-mode vHeat at other sizes', () => {
  const config: VHeatConfig = { family: 'vheat', dims: [8, 16, 16, 16], depths: [1, 1, 2, 1], postNorm: false, layerScale: false, mlpRatio: 4, numClasses: 10, trainResolution: 32, inferenceMode: false };

  it('k equals the training-mode k on the trained frequencies; padded ones repeat the last trained row/col', () => {
    const seed = testSeed();
    const weights = randomWeights(config, seed);
    const inf = toInferenceMode(config, weights);
    const train = buildModel(config, weights);
    const infer = buildModel(inf.config, inf.weights);
    // Stage 0 trained at 8x8; ask for 10x12.
    const kt = train.diffusivity(0, 0, 10, 12)!.arraySync() as number[][][];
    const ki = infer.diffusivity(0, 0, 10, 12)!.arraySync() as number[][][];
    for (let n = 0; n < 10; n++) {
      for (let m = 0; m < 12; m++) {
        for (let c = 0; c < 8; c++) {
          if (n === 0 && m === 0) expect(Math.abs(ki[n][m][c])).toBe(0);
          else if (n < 8 && m < 8) expect(Math.abs(ki[n][m][c] - kt[n][m][c])).toBeLessThan(1e-4 * Math.max(1, kt[n][m][c]));
          else expect(ki[n][m][c]).toBe(ki[Math.min(n, 7)][Math.min(m, 7)][c]);
        }
      }
    }
    train.dispose();
    infer.dispose();
  });
});
