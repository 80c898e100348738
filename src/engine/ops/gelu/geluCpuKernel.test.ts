import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { erf64 } from '../dense/denseReference';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';
import { NODE_CPU_SIDE_BACKENDS, useNodeBackend } from '../testing/nodeBackends';
import { GELU_ERF_KERNEL } from './geluCpuKernel';
import { geluErfRows } from './geluErfRows';
import { geluExact } from './geluExact';

// Tolerances:
// - per value, |fused - float64 gelu| <= 1.5e-7 |u| (the erf approximation's 3e-7, halved: gelu = u (1 + erf) / 2)
//   + 6e-8 |gelu| (the float32 store) + 1e-38 (underflow near -inf). The tanh approximation of GELU is off by up to
//   ~5e-4 and a sigmoid(1.702 u) one by ~2e-2, so either fails by orders of magnitude.
const gelu64 = (u: number) => 0.5 * u * (1 + erf64(u / Math.SQRT2));
const bound = (u: number, ref: number) => 1.5e-7 * Math.abs(u) + 6e-8 * Math.abs(ref) + 1e-38;
// - gradients (tfjs ops in both, the same formula class) vs tf.grad of the tfjs ops: ~1e-6; a missing u*phi(u)
//   term is > 1e-1.
const GRAD_TOL = 1e-5;

const seed = testSeed();
const rand = seededRandom(seed);

/** Every float32 on a fine grid of [-12, 12], the signed zeros, tiny and huge values. */
function gridInput(): Float32Array {
  const values: number[] = [0, -0, 1e-30, -1e-30, 1e-8, -1e-8, 3e38, -3e38, 60, -60];
  for (let i = -120_000; i <= 120_000; i++) values.push(i / 10_000);
  return Float32Array.from(values);
}

describe('geluErfRows (the kernel body)', () => {
  it('is within the erf approximation bound of the float64 GELU everywhere on the grid', () => {
    const x = gridInput();
    const out = new Float32Array(x.length);
    geluErfRows(x, out);
    let worst = 0;
    let worstAt = 0;
    for (let i = 0; i < x.length; i++) {
      const ref = gelu64(x[i]);
      const ratio = Math.abs(out[i] - ref) / bound(x[i], ref);
      if (!(ratio <= worst)) [worst, worstAt] = [ratio, x[i]]; // NaN is kept as the worst
    }
    expect(worst, `worst at u = ${worstAt}`).toBeLessThanOrEqual(1);
  });

  it('is exact where GELU is trivial: 0, large positive (identity), large negative (0)', () => {
    const out = new Float32Array(4);
    geluErfRows(Float32Array.from([0, 12, 40, -40]), out);
    expect(Array.from(out)).toEqual([0, 12, 40, 0]);
  });
});

for (const backend of NODE_CPU_SIDE_BACKENDS) {
  describe(`geluExact fused kernel on the '${backend}' backend`, () => {
    it('starts the backend', async () => {
      await useNodeBackend(backend);
      expect(tf.getBackend()).toBe(backend);
    });

    it('matches the float64 GELU on a 4-D tensor of mixed magnitudes, as one kernel, no tensor left behind', async () => {
      await useNodeBackend(backend);
      const shape = [2, 7, 5, 33];
      const x = uniformArray(rand, 2 * 7 * 5 * 33, -6, 6);
      const xt = tf.tensor(x, shape);
      const before = tf.memory().numTensors;
      const prof = await tf.profile(() => geluExact(xt));
      expect(prof.kernels.map((k) => k.name)).toEqual([GELU_ERF_KERNEL]);
      expect(tf.memory().numTensors).toBe(before + 1);
      const y = geluExact(xt);
      expect(y.shape).toEqual(shape);
      const got = await y.data();
      for (let i = 0; i < x.length; i++) expect(Math.abs(got[i] - gelu64(x[i]))).toBeLessThanOrEqual(bound(x[i], gelu64(x[i])));
      tf.dispose([xt, y]);
    });

    it('its gradient matches tf.grad of the tfjs ops', async () => {
      await useNodeBackend(backend);
      const x = uniformArray(rand, 500, -5, 5);
      const g = (impl: 'kernel' | 'tfjs') => tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(geluExact(t, impl), tf.range(0, 500))))(tf.tensor1d(x)).dataSync());
      expect(maxRelativeError(g('kernel'), g('tfjs'))).toBeLessThan(GRAD_TOL);
    });
  });
}
