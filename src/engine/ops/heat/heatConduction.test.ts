import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { heatConduction } from './heatConduction';
import { heatReference } from './heatReference';
import { maxRelativeError } from '../testing/relativeError';
import { frequencyGrid, rateFromDecay, rateFromDiffusivity } from './rate';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';

const seed = testSeed();
console.log(`heatConduction.test (cpu) seed=${seed}`);
const rand = seededRandom(seed);

// float32 matMuls of length <= 28 on the cpu backend: round-off ~ sqrt(N) * 6e-8, far under 1e-5.
const F32_TOL = 1e-5;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('heatConduction portable path on the cpu backend', () => {
  it.each([
    [1, 1, 1, 1],
    [2, 7, 13, 3],
    [1, 14, 14, 8],
    [1, 28, 5, 2],
    [2, 1, 9, 1],
  ])('matches the float64 reference for %i x %i x %i x %i', (b, h, w, c) => {
    const phiData = uniformArray(rand, b * h * w * c, -1, 1);
    const rateData = uniformArray(rand, h * w * c, 0, 4);
    const s = 0.2 + rand();
    const before = tf.memory().numTensors;
    const phi = tf.tensor4d(phiData, [b, h, w, c]);
    const rate = tf.tensor3d(rateData, [h, w, c]);
    const out = heatConduction(phi, rate, s, 'tfjs');
    expect(out.shape).toEqual([b, h, w, c]);
    const err = maxRelativeError(out.dataSync(), heatReference(phiData, [b, h, w, c], rateData, s));
    expect(err).toBeLessThan(F32_TOL);
    tf.dispose([phi, rate, out]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gradient w.r.t. phi is the operator applied to dy (self-adjoint)', () => {
    const [b, h, w, c] = [1, 6, 5, 2];
    const phi = tf.tensor4d(uniformArray(rand, b * h * w * c, -1, 1), [b, h, w, c]);
    const rate = tf.tensor3d(uniformArray(rand, h * w * c, 0, 3), [h, w, c]);
    const dyData = uniformArray(rand, b * h * w * c, -1, 1);
    const dy = tf.tensor4d(dyData, [b, h, w, c]);
    const g = tf.grad((x) => heatConduction(x as tf.Tensor4D, rate, 0.7, 'tfjs'))(phi, dy);
    const expected = heatReference(dyData, [b, h, w, c], rate.dataSync(), 0.7);
    expect(maxRelativeError(g.dataSync(), expected)).toBeLessThan(F32_TOL);
    tf.dispose([phi, rate, dy, g]);
  });

  it('rejects mismatched shapes, a bad scale, and wgsl off WebGPU', () => {
    const phi = tf.zeros([1, 4, 4, 2]) as tf.Tensor4D;
    const rate = tf.zeros([4, 3, 2]) as tf.Tensor3D;
    expect(() => heatConduction(phi, rate, 1)).toThrow(/rate shape/);
    const rate2 = tf.zeros([4, 4, 2]) as tf.Tensor3D;
    expect(() => heatConduction(phi, rate2, -1)).toThrow(/scale/);
    expect(() => heatConduction(phi, rate2, NaN)).toThrow(/scale/);
    expect(() => heatConduction(phi, rate2, 1, 'wgsl-matrix')).toThrow(/needs the 'webgpu' backend/);
    expect(() => heatConduction(phi, rate2, 1, 'wgsl-fast')).toThrow(/needs the 'webgpu' backend/);
    tf.dispose([phi, rate, rate2]);
  });
});

describe('rate maps', () => {
  it('frequencyGrid is (pi n/H)^2 + (pi m/W)^2', () => {
    const g = frequencyGrid(3, 4);
    const d = g.dataSync();
    expect(g.shape).toEqual([3, 4]);
    expect(d[0]).toBe(0);
    expect(d[2 * 4 + 3]).toBeCloseTo((Math.PI * 2 / 3) ** 2 + (Math.PI * 3 / 4) ** 2, 5);
    g.dispose();
  });

  it('rateFromDiffusivity multiplies k by the frequency grid, per channel', () => {
    const k = tf.tensor3d(uniformArray(rand, 3 * 4 * 2, 0, 2), [3, 4, 2]);
    const r = rateFromDiffusivity(k);
    const kd = k.dataSync();
    const rd = r.dataSync();
    const n = 1, m = 2, c = 1;
    expect(rd[(n * 4 + m) * 2 + c]).toBeCloseTo(kd[(n * 4 + m) * 2 + c] * ((Math.PI / 3) ** 2 + (Math.PI * 2 / 4) ** 2), 5);
    expect(rd[0]).toBe(0);
    tf.dispose([k, r]);
  });

  it('rateFromDecay inverts exp(-rate) and stays finite where E underflowed to 0', () => {
    const e = tf.tensor3d([1, Math.exp(-2), 0, 1e-45], [1, 2, 2]);
    const r = rateFromDecay(e).dataSync();
    expect(Math.abs(r[0])).toBe(0);
    expect(r[1]).toBeCloseTo(2, 5);
    for (const v of [r[2], r[3]]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThan(80); // exp(-80) ~ 1.8e-35: still reproduces E ~ 0
    }
    e.dispose();
  });
});
