import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';
import { withGpuErrorCheck } from '../testing/gpuErrors';
import { spatialMean } from './spatialMean';
import { SPATIAL_MEAN_KERNEL } from './spatialMeanKernel';

// WGSL (float32 sum of H*W <= 3136 values of O(1), in order) vs a float64 sum: <= ~1e-6 relative here; 1e-5
// budget. A wrong stride (summing channels instead of pixels) or divisor is O(1).
const REF_TOL = 1e-5;

const seed = testSeed();
const rand = seededRandom(seed);

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

function reference(x: Float32Array, [b, h, w, c]: number[]): Float64Array {
  const out = new Float64Array(b * c);
  for (let i = 0; i < b; i++) for (let p = 0; p < h * w; p++) for (let k = 0; k < c; k++) out[i * c + k] += x[(i * h * w + p) * c + k] / (h * w);
  return out;
}

describe('spatialMean WGSL kernel', () => {
  for (const shape of [[1, 7, 7, 768], [1, 1, 1, 256], [2, 5, 3, 6], [3, 56, 56, 4], [1, 2, 2, 1]]) {
    it(`[${shape}] matches the float64 reference, with and without keepDims`, async () => {
      const x = uniformArray(rand, shape.reduce((a, d) => a * d, 1), -1, 1).map((v, i) => v + (i % shape[3]));
      const ref = reference(x, shape);
      const [flat, kept] = await withGpuErrorCheck(async () => {
        const t = tf.tensor4d(x, shape as [number, number, number, number]);
        const a = spatialMean(t);
        const k = spatialMean(t, true);
        expect(a.shape).toEqual([shape[0], shape[3]]);
        expect(k.shape).toEqual([shape[0], 1, 1, shape[3]]);
        const out = [await a.data(), await k.data()];
        tf.dispose([t, a, k]);
        return out;
      });
      expect(maxRelativeError(flat, ref)).toBeLessThan(REF_TOL);
      expect(maxRelativeError(kept, ref)).toBeLessThan(REF_TOL);
    });
  }

  it('runs as one kernel, and its gradient spreads dy / (H W) like tf.mean', async () => {
    const x = tf.tensor4d(uniformArray(rand, 2 * 3 * 4 * 8, -1, 1), [2, 3, 4, 8]);
    const prof = await tf.profile(() => spatialMean(x));
    expect(prof.kernels.map((k) => k.name)).toEqual([SPATIAL_MEAN_KERNEL]);
    const dy = tf.tensor2d(uniformArray(rand, 16, -1, 1), [2, 8]);
    const g = tf.grad((t: tf.Tensor) => tf.mul(spatialMean(t as tf.Tensor4D), dy))(x);
    const gRef = tf.grad((t: tf.Tensor) => tf.mul(tf.mean(t, [1, 2]), dy))(x);
    expect(maxRelativeError(await g.data(), await gRef.data())).toBeLessThan(1e-6); // both exact dy/12 in float32
    tf.dispose([x, dy, g, gRef, prof.result as tf.Tensor]);
  });
});
