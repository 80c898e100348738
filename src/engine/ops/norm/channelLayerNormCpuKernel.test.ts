import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';
import { NODE_CPU_SIDE_BACKENDS, useNodeBackend } from '../testing/nodeBackends';
import { channelLayerNorm } from './channelLayerNorm';
import { CHANNEL_LAYER_NORM_KERNEL } from './channelLayerNormKernel';
import { channelLayerNormRows } from './channelLayerNormCpuKernel';
import { channelLayerNormReference } from './layerNormReference';

// Tolerances, relative to max |reference| (maxRelativeError):
// - the TypeScript kernel vs the float64 reference: statistics in float64, only the float32 output is rounded
//   (~6e-8 of each value) plus the E[x^2] - mean^2 cancellation (mean^2/var * 1e-16 with means <= 5 here). 1e-6
//   leaves room; a wrong mean, biased/unbiased variance (factor C/(C-1)) or eps placement is > 1e-3 here.
const REF_TOL = 1e-6;
// - gradients through the kernel vs tf.grad of the tfjs ops: both float32 with different summation order
//   (~1e-6); a missing LayerNorm-gradient term is ~1e-1.
const GRAD_TOL = 1e-4;

const seed = testSeed();
const rand = seededRandom(seed);

type Shape = [number, number, number, number];
const cases: Shape[] = [
  [1, 8, 8, 32],
  [2, 5, 7, 12],
  [1, 3, 4, 3],
  [1, 2, 3, 768],
  [1, 1, 1, 1],
];

function inputs([b, h, w, c]: Shape) {
  // An offset mean per pixel (0..4) so a kernel that skips centring fails, and a spread weight/bias.
  const x = uniformArray(rand, b * h * w * c, -1, 1).map((v, i) => v * 2 + (Math.floor(i / c) % 5));
  return { x, weight: uniformArray(rand, c, 0.5, 2), bias: uniformArray(rand, c, -1, 1) };
}

describe('channelLayerNormRows (the kernel body)', () => {
  it('matches the float64 reference, including a constant pixel (variance 0)', () => {
    const c = 16;
    const { x, weight, bias } = inputs([1, 2, 5, c]);
    x.fill(3.25, 0, c); // pixel 0 is constant: output = bias exactly
    const out = new Float32Array(x.length);
    channelLayerNormRows(x, weight, bias, 1e-5, out);
    expect(maxRelativeError(out, channelLayerNormReference(x, c, weight, bias, 1e-5))).toBeLessThan(REF_TOL);
    expect(Array.from(out.subarray(0, c))).toEqual(Array.from(bias));
  });
});

for (const backend of NODE_CPU_SIDE_BACKENDS) {
  describe(`channelLayerNorm fused kernel on the '${backend}' backend`, () => {
    it('starts the backend', async () => {
      await useNodeBackend(backend);
      expect(tf.getBackend()).toBe(backend);
    });

    for (const shape of cases) {
      for (const eps of [1e-6, 0.5]) {
        it(`[${shape}] eps ${eps} matches the float64 reference`, async () => {
          await useNodeBackend(backend);
          const { x, weight, bias } = inputs(shape);
          const y = channelLayerNorm(tf.tensor4d(x, shape), tf.tensor1d(weight), tf.tensor1d(bias), eps, 'kernel');
          const got = await y.data();
          y.dispose();
          expect(maxRelativeError(got, channelLayerNormReference(x, shape[3], weight, bias, eps))).toBeLessThan(REF_TOL);
        });
      }
    }

    it('is what auto picks: one kernel, no Mean, and no tensor left behind', async () => {
      await useNodeBackend(backend);
      const shape: Shape = [1, 4, 4, 8];
      const { x, weight, bias } = inputs(shape);
      const [xt, wt, bt] = [tf.tensor4d(x, shape), tf.tensor1d(weight), tf.tensor1d(bias)];
      const before = tf.memory().numTensors;
      const prof = await tf.profile(() => channelLayerNorm(xt, wt, bt, 1e-5));
      const names = prof.kernels.map((k) => k.name);
      expect(names).toEqual([CHANNEL_LAYER_NORM_KERNEL]);
      expect(tf.memory().numTensors).toBe(before + 1); // the profiled result only
      tf.dispose([xt, wt, bt]);
    });

    it('gradients w.r.t. x, weight and bias match tf.grad of the tfjs ops', async () => {
      await useNodeBackend(backend);
      const shape: Shape = [2, 3, 5, 12];
      const { x, weight, bias } = inputs(shape);
      const dy = uniformArray(rand, x.length, -1, 1);
      const grads = (impl: 'kernel' | 'tfjs') =>
        tf.tidy(() => {
          const f = (a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
            tf.sum(tf.mul(channelLayerNorm(a as tf.Tensor4D, w as tf.Tensor1D, b as tf.Tensor1D, 1e-5, impl), tf.tensor4d(dy, shape)));
          return tf.grads(f)([tf.tensor4d(x, shape), tf.tensor1d(weight), tf.tensor1d(bias)]).map((g) => g.dataSync());
        });
      const viaKernel = grads('kernel');
      const viaTfjs = grads('tfjs');
      viaKernel.forEach((g, i) => expect(maxRelativeError(g, viaTfjs[i]), `input ${i}`).toBeLessThan(GRAD_TOL));
    });
  });
}
