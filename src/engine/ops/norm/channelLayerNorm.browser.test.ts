import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';
import { withGpuErrorCheck } from '../testing/gpuErrors';
import { channelLayerNorm, channelLayerNormTfjs } from './channelLayerNorm';
import { CHANNEL_LAYER_NORM_KERNEL } from './channelLayerNormKernel';
import { channelLayerNormReference } from './layerNormReference';
import { layerNormResidual } from '../fused/fusedKernels';

// Tolerances, relative to max |reference| over the whole output (maxRelativeError):
// - WGSL (float32, two-pass statistics, inverseSqrt) vs the float64 reference: C <= 768 float32 sums of O(1)
//   values round to ~1e-7 each and inverseSqrt is 2 ULP; the outputs are O(3) so ~1e-6 is expected. 1e-5 leaves
//   room for the vec4 partial sums' order; a wrong mean, variance (biased vs unbiased: a factor C/(C-1)) or eps
//   placement is > 1e-3 for C <= 768 at these magnitudes.
const REF_TOL = 1e-5;
// - gradients (WGSL forward + tfjs-op backward vs tf.grad of the tfjs ops): both float32, same formula class;
//   the tfjs ops' gradient goes through tfjs's moments gradient, a different summation order: ~1e-6. 1e-4 keeps
//   a factor of 100 below what a missing term of the LayerNorm gradient gives (~1e-1).
const GRAD_TOL = 1e-4;

const seed = testSeed();
const rand = seededRandom(seed);

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

const cases: [number, number, number, number][] = [
  [1, 8, 8, 32],
  [2, 5, 7, 12],
  [1, 3, 4, 3],
  [1, 7, 7, 768],
  [1, 1, 1, 1],
  [3, 2, 9, 5],
];

function inputs([b, h, w, c]: [number, number, number, number]) {
  // An offset mean per pixel (0..4) so a kernel that skips centring fails, and a spread weight/bias.
  const x = uniformArray(rand, b * h * w * c, -1, 1).map((v, i) => v * 2 + Math.floor(i / c) % 5);
  return { x, weight: uniformArray(rand, c, 0.5, 2), bias: uniformArray(rand, c, -1, 1) };
}

describe('channelLayerNorm WGSL kernel', () => {
  for (const shape of cases) {
    for (const eps of [1e-5, 1e-6, 0.5]) {
      it(`[${shape}] eps ${eps} matches the float64 reference`, async () => {
        const { x, weight, bias } = inputs(shape);
        const ref = channelLayerNormReference(x, shape[3], weight, bias, eps);
        const got = await withGpuErrorCheck(async () => {
          const y = channelLayerNorm(tf.tensor4d(x, shape), tf.tensor1d(weight), tf.tensor1d(bias), eps, 'kernel');
          const data = await y.data();
          y.dispose();
          return data;
        });
        const err = maxRelativeError(got, ref);
        // (shape [1,1,1,1]: the output is the bias exactly, any error is relative to |bias|)
        expect(err).toBeLessThan(REF_TOL);
      });
    }
  }

  // The residual variant (post-norm vHeat blocks on the hardware-GPU row): r + LayerNorm(x), same tolerance (one more
  // float32 add of O(3) values).
  for (const shape of [[2, 5, 7, 12], [1, 4, 4, 32], [1, 3, 2, 5]] as [number, number, number, number][]) {
    it(`[${shape}] with a residual: r + LayerNorm(x) matches the float64 reference`, async () => {
      const { x, weight, bias } = inputs(shape);
      const res = uniformArray(rand, x.length, -3, 3);
      const ref = channelLayerNormReference(x, shape[3], weight, bias, 1e-6).map((v, i) => v + res[i]);
      const got = await withGpuErrorCheck(async () => {
        const y = tf.tidy(() => layerNormResidual(tf.tensor4d(x, shape), tf.tensor1d(weight), tf.tensor1d(bias), tf.tensor4d(res, shape), 1e-6));
        const data = await y.data();
        y.dispose();
        return data;
      });
      expect(maxRelativeError(got, ref), `seed ${seed}`).toBeLessThan(REF_TOL);
    });
  }

  it('is what auto picks on webgpu (one kernel, no reductions)', async () => {
    const shape: [number, number, number, number] = [1, 4, 4, 8];
    const { x, weight, bias } = inputs(shape);
    const prof = await tf.profile(() => channelLayerNorm(tf.tensor4d(x, shape), tf.tensor1d(weight), tf.tensor1d(bias), 1e-5));
    const names = prof.kernels.map((k) => k.name);
    expect(names).toContain(CHANNEL_LAYER_NORM_KERNEL);
    expect(names).not.toContain('Mean');
  });

  it('gradients w.r.t. x, weight and bias match tf.grad of the tfjs ops', async () => {
    const shape: [number, number, number, number] = [2, 3, 5, 12];
    const { x, weight, bias } = inputs(shape);
    const dyData = uniformArray(rand, x.length, -1, 1);
    const before = tf.memory().numTensors;
    const grads = (impl: 'kernel' | 'tfjs') =>
      tf.tidy(() => {
        const dy = tf.tensor4d(dyData, shape);
        const f = impl === 'kernel' ? channelLayerNorm : channelLayerNormTfjs;
        return tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
          tf.mul(f(xx as tf.Tensor4D, ww as tf.Tensor1D, bb as tf.Tensor1D, 1e-5), dy),
        )([tf.tensor4d(x, shape), tf.tensor1d(weight), tf.tensor1d(bias)]);
      });
    const viaKernel = await withGpuErrorCheck(async () => grads('kernel'));
    const viaTfjs = grads('tfjs');
    for (let i = 0; i < 3; i++) {
      const err = maxRelativeError(await viaKernel[i].data(), await viaTfjs[i].data());
      expect(err, `input ${i}`).toBeLessThan(GRAD_TOL);
    }
    tf.dispose([...viaKernel, ...viaTfjs]);
    expect(tf.memory().numTensors).toBe(before); // nothing leaked by the kernel or its gradient
  });

  it('rejects mismatched weight/bias and a bad eps', () => {
    const x = tf.zeros([1, 2, 2, 4]) as tf.Tensor4D;
    expect(() => channelLayerNorm(x, tf.ones([3]), tf.zeros([4]), 1e-5)).toThrow(/weight and bias/);
    expect(() => channelLayerNorm(x, tf.ones([4]), tf.zeros([4]), NaN)).toThrow(/eps/);
    x.dispose();
  });
});
