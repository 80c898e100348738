import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';
import { withGpuErrorCheck } from '../testing/gpuErrors';
import { dense } from './dense';
import { DENSE_KERNEL } from './denseKernel';
import type { DenseActivation } from './denseProgram';
import { denseReference } from './denseReference';

// Tolerances, relative to max |reference| (maxRelativeError):
// - WGSL (float32 fma chains over K <= 768 of O(1) products) vs float64: ~sqrt(K) * 6e-8 ~ 2e-6 typical; the GELU's
//   erf approximation adds <= 1.5e-7 absolute. 1e-5 budget; a wrong index (row/col swap, a lane) is O(1).
const REF_TOL = 1e-5;
// - gradients (WGSL forward and dx, tfjs dW/db) vs tf.grad of the tfjs-ops path: both float32; the GELU
//   derivative is computed with tfjs's erf in both. 1e-4 budget; a missing factor or transpose is O(1).
const GRAD_TOL = 1e-4;

const seed = testSeed();
const rand = seededRandom(seed);

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

// [M, K, N]: vec4 and scalar lanes on both sides, M not a multiple of the 4-row tile, a single row, wide K.
const cases: [number, number, number][] = [
  [64, 32, 64],
  [5, 3, 7],
  [9, 8, 10],
  [1, 256, 10],
  [49, 768, 12],
  [3, 12, 4],
  [130, 5, 16],
  [2, 8, 8], // fewer than 4 rows: the 1-row tile
  [3, 5, 6],
];

describe('dense WGSL kernel', () => {
  for (const [m, k, n] of cases) {
    for (const activation of ['linear', 'gelu'] as DenseActivation[]) {
      it(`[${m},${k}] @ [${k},${n}] ${activation} matches the float64 reference`, async () => {
        const x = uniformArray(rand, m * k, -2, 2);
        const w = uniformArray(rand, k * n, -1, 1).map((v) => v / Math.sqrt(k));
        const b = uniformArray(rand, n, -1, 1);
        const ref = denseReference(x, w, b, [m, k, n], activation);
        const got = await withGpuErrorCheck(async () => {
          const y = dense(tf.tensor2d(x, [m, k]), tf.tensor2d(w, [k, n]), tf.tensor1d(b), activation, 'kernel');
          const data = await y.data();
          y.dispose();
          return data;
        });
        expect(maxRelativeError(got, ref)).toBeLessThan(REF_TOL);
      });
    }
  }

  it('keeps leading dimensions ([B,H,W,K] -> [B,H,W,N]) and is what auto picks on webgpu', async () => {
    const x = tf.tensor4d(uniformArray(rand, 2 * 3 * 5 * 8, -1, 1), [2, 3, 5, 8]);
    const w = tf.tensor2d(uniformArray(rand, 8 * 4, -1, 1), [8, 4]);
    const b = tf.tensor1d(uniformArray(rand, 4, -1, 1));
    const prof = await tf.profile(() => dense(x, w, b));
    expect(prof.kernels.map((kk) => kk.name)).toContain(DENSE_KERNEL);
    const y = dense(x, w, b);
    expect(y.shape).toEqual([2, 3, 5, 4]);
    const ref = denseReference(await x.data(), await w.data(), await b.data(), [30, 8, 4], 'linear');
    expect(maxRelativeError(await y.data(), ref)).toBeLessThan(REF_TOL);
    tf.dispose([x, w, b, y, prof.result as tf.Tensor]);
  });

  for (const activation of ['linear', 'gelu'] as DenseActivation[]) {
    it(`${activation}: gradients w.r.t. x, weight and bias match the tfjs-ops path`, async () => {
      const [m, k, n] = [6, 12, 8];
      const xd = uniformArray(rand, m * k, -2, 2);
      const wd = uniformArray(rand, k * n, -1, 1);
      const bd = uniformArray(rand, n, -1, 1);
      const dyd = uniformArray(rand, m * n, -1, 1);
      const before = tf.memory().numTensors;
      const grads = (impl: 'kernel' | 'tfjs') =>
        tf.tidy(() => {
          const dy = tf.tensor2d(dyd, [m, n]);
          return tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.mul(dense(xx, ww as tf.Tensor2D, bb as tf.Tensor1D, activation, impl), dy))([
            tf.tensor2d(xd, [m, k]),
            tf.tensor2d(wd, [k, n]),
            tf.tensor1d(bd),
          ]);
        });
      const viaKernel = await withGpuErrorCheck(async () => grads('kernel'));
      const viaTfjs = grads('tfjs');
      for (let i = 0; i < 3; i++) expect(maxRelativeError(await viaKernel[i].data(), await viaTfjs[i].data()), `input ${i}`).toBeLessThan(GRAD_TOL);
      tf.dispose([...viaKernel, ...viaTfjs]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('rejects a weight or bias of the wrong size', () => {
    const x = tf.zeros([2, 4]);
    expect(() => dense(x, tf.zeros([3, 2]), tf.zeros([2]))).toThrow(/dense: x \[2,4\]/);
    expect(() => dense(x, tf.zeros([4, 2]), tf.zeros([3]))).toThrow(/bias/);
    x.dispose();
  });
});
