import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { heatConduction } from './heatConduction';
import { withGpuErrorCheck } from '../testing/gpuErrors';
import { runHeatKernel, type HeatWgslStrategy } from './heatKernel';
import { heatReference } from './heatReference';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';

// Relative error everywhere below is max|a - b| / max|ref| over the whole output (maxRelativeError).
// Budget for float32 WGSL vs the float64 reference: four length-N float32 sums (N <= 128) of values
// of size ~1 with cosines rounded to float32 give ~1e-6; the contract allows 1e-5.
const REF_TOL = 1e-5;
// WGSL vs the portable path: each is within REF_TOL of the float64 reference, so they agree to 2x that.
const PORTABLE_TOL = 2e-5;

const seed = testSeed();
console.log(`heatConduction.browser.test seed=${seed}`);
const rand = seededRandom(seed);

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
  const adapter = await navigator.gpu.requestAdapter();
  console.log('adapter', adapter?.info?.vendor, adapter?.info?.architecture, adapter?.info?.description);
});

interface Case {
  b: number;
  h: number;
  w: number;
  c: number;
  /** Also compare with the portable path (tfjs matMul on WebGPU is very slow on SwiftShader: few cases). */
  portable?: boolean;
}

function makeInputs({ b, h, w, c }: Case) {
  const phiData = uniformArray(rand, b * h * w * c, -1, 1);
  const rateData = uniformArray(rand, h * w * c, 0, 3);
  return { phiData, rateData };
}

type Variant = 'kernel' | 'tfjs' | 'matrix' | 'fast';

/** Runs one implementation: 'kernel' / 'tfjs' through heatConduction, 'matrix' / 'fast' forced on both axes. */
async function runWgsl(phiData: Float32Array, rateData: Float32Array, { b, h, w, c }: Case, s: number, impl: Variant = 'kernel') {
  // a WGSL compile or validation error fails the test
  return withGpuErrorCheck(async () => {
    const phi = tf.tensor4d(phiData, [b, h, w, c]);
    const rate = tf.tensor3d(rateData, [h, w, c]);
    const out = impl === 'matrix' || impl === 'fast' ? runHeatKernel(phi, rate, s, impl) : heatConduction(phi, rate, s, impl);
    expect(out.shape).toEqual([b, h, w, c]);
    const data = (await out.data()) as Float32Array;
    tf.dispose([phi, rate, out]);
    return data;
  });
}

// Tiny total work: SwiftShader runs WGSL on the CPU.
const CASES: Case[] = [
  { b: 2, h: 1, w: 1, c: 3, portable: true },
  { b: 1, h: 2, w: 2, c: 8 },
  { b: 2, h: 7, w: 7, c: 1 },
  { b: 1, h: 13, w: 13, c: 3 },
  { b: 1, h: 14, w: 14, c: 96 },
  { b: 2, h: 28, w: 28, c: 8 },
  { b: 1, h: 56, w: 56, c: 3 },
  { b: 1, h: 57, w: 57, c: 1, portable: true },
  { b: 1, h: 97, w: 97, c: 1 },
  { b: 1, h: 128, w: 128, c: 4 },
  { b: 2, h: 7, w: 13, c: 3, portable: true },
  { b: 1, h: 56, w: 28, c: 8 },
  { b: 1, h: 1, w: 97, c: 1 },
  { b: 2, h: 5, w: 3, c: 96, portable: true },
  { b: 1, h: 97, w: 2, c: 5 },
];

describe('heatConduction WGSL path on WebGPU', () => {
  it.each(CASES)('matches the float64 reference (and the portable path: $portable): B=$b H=$h W=$w C=$c', async (cs) => {
    const { phiData, rateData } = makeInputs(cs);
    const s = 0.05 + rand();
    const ref = heatReference(phiData, [cs.b, cs.h, cs.w, cs.c], rateData, s);
    const portable = cs.portable ? await runWgsl(phiData, rateData, cs, s, 'tfjs') : null;
    const variants: Variant[] = ['kernel', 'matrix', 'fast'];
    for (const variant of variants) {
      const out = await runWgsl(phiData, rateData, cs, s, variant);
      const errRef = maxRelativeError(out, ref);
      const errPortable = portable ? maxRelativeError(out, portable) : NaN;
      console.log(`${variant} B=${cs.b} H=${cs.h} W=${cs.w} C=${cs.c} s=${s.toFixed(3)}: rel err vs f64 ${errRef.toExponential(2)}, vs portable ${errPortable.toExponential(2)}`);
      expect(errRef).toBeLessThanOrEqual(REF_TOL);
      if (portable) expect(errPortable).toBeLessThanOrEqual(PORTABLE_TOL);
    }
    if (portable) expect(maxRelativeError(portable, ref)).toBeLessThanOrEqual(REF_TOL);
  });

  it('s = 0 is the identity up to rounding', async () => {
    for (const cs of [{ b: 1, h: 13, w: 7, c: 4 }, { b: 2, h: 28, w: 28, c: 3 }]) {
      const { phiData, rateData } = makeInputs(cs);
      for (const variant of ['matrix', 'fast'] as const) {
        const out = await runWgsl(phiData, rateData, cs, 0, variant);
        expect(maxRelativeError(out, phiData)).toBeLessThanOrEqual(REF_TOL);
      }
    }
  });

  it('large s leaves only the DC term: the per-channel mean of each plane', async () => {
    const cs = { b: 2, h: 14, w: 9, c: 4 };
    const { phiData, rateData } = makeInputs(cs);
    for (let i = 0; i < rateData.length; i++) rateData[i] = 0.5 + rateData[i]; // >= 0.5 away from DC
    for (let c = 0; c < cs.c; c++) rateData[c] = 0; // the DC rate is 0 by definition
    const hw = cs.h * cs.w;
    const expected = new Float64Array(phiData.length);
    for (let b = 0; b < cs.b; b++)
      for (let c = 0; c < cs.c; c++) {
        let mean = 0;
        for (let p = 0; p < hw; p++) mean += phiData[(b * hw + p) * cs.c + c];
        mean /= hw;
        for (let p = 0; p < hw; p++) expected[(b * hw + p) * cs.c + c] = mean;
      }
    // Relative to max|phi| (the means are small): the same float32 budget as everywhere.
    const maxPhi = phiData.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    for (const variant of ['matrix', 'fast'] as const) {
      const out = await runWgsl(phiData, rateData, cs, 1e4, variant);
      let maxDiff = 0;
      for (let i = 0; i < out.length; i++) maxDiff = Math.max(maxDiff, Math.abs(out[i] - expected[i]));
      expect(maxDiff / maxPhi).toBeLessThanOrEqual(REF_TOL);
    }
  });

  it('tf.grad w.r.t. phi is the operator on dy; w.r.t. rate matches the portable autodiff', async () => {
    const cs = { b: 2, h: 9, w: 6, c: 4 };
    const { phiData, rateData } = makeInputs(cs);
    const dyData = uniformArray(rand, phiData.length, -1, 1);
    const s = 0.3 + rand();
    const phi = tf.tensor4d(phiData, [cs.b, cs.h, cs.w, cs.c]);
    const rate = tf.tensor3d(rateData, [cs.h, cs.w, cs.c]);
    const dy = tf.tensor4d(dyData, [cs.b, cs.h, cs.w, cs.c]);
    const [pPhi, pRate] = tf.grads((p, r) => heatConduction(p as tf.Tensor4D, r as tf.Tensor3D, s, 'tfjs'))([phi, rate], dy);
    const expectedPhi = heatReference(dyData, [cs.b, cs.h, cs.w, cs.c], rateData, s);
    for (const strategy of ['auto', 'matrix', 'fast'] as HeatWgslStrategy[]) {
      const [gPhi, gRate] = tf.grads((p, r) => runHeatKernel(p as tf.Tensor4D, r as tf.Tensor3D, s, strategy))([phi, rate], dy);
      expect(maxRelativeError(await gPhi.data(), expectedPhi)).toBeLessThanOrEqual(REF_TOL);
      expect(maxRelativeError(await gPhi.data(), await pPhi.data())).toBeLessThanOrEqual(PORTABLE_TOL);
      // The rate gradient sums B products of DCT coefficients: same float32 budget, relative to its max.
      expect(maxRelativeError(await gRate.data(), await pRate.data())).toBeLessThanOrEqual(PORTABLE_TOL);
      tf.dispose([gPhi, gRate]);
    }
    const before = tf.memory().numTensors;
    const g = tf.grad((p) => heatConduction(p as tf.Tensor4D, rate, s, 'kernel'))(phi, dy);
    expect(maxRelativeError(await g.data(), expectedPhi)).toBeLessThanOrEqual(REF_TOL);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([phi, rate, dy, pPhi, pRate]);
  });

  it('compiles no new pipeline when s or the sizes change, and leaks no tensors', async () => {
    // pipelineCache is private in the typings: the backend keeps one compiled pipeline per shader key there.
    const backend = tf.backend() as unknown as { pipelineCache: Record<string, unknown> };
    const cs = { b: 1, h: 12, w: 12, c: 8 };
    const { phiData, rateData } = makeInputs(cs);
    // Warm-up: compiles what each WGSL program needs (f32 and vec4 lanes).
    const odd = { b: 1, h: 6, w: 5, c: 3 };
    const oddData = makeInputs(odd);
    for (const variant of ['matrix', 'fast'] as const) {
      await runWgsl(phiData, rateData, cs, 0.5, variant);
      await runWgsl(oddData.phiData, oddData.rateData, odd, 0.5, variant);
    }
    const pipelines = Object.keys(backend.pipelineCache).length;
    const tensors = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    for (const variant of ['matrix', 'fast'] as const) {
      for (const s of [0, 0.1, 2.5, 7]) await runWgsl(phiData, rateData, cs, s, variant);
      for (const other of [{ b: 2, h: 7, w: 20, c: 12 }, { b: 1, h: 9, w: 1, c: 5 }, { b: 3, h: 1, w: 1, c: 8 }]) {
        const more = makeInputs(other);
        await runWgsl(more.phiData, more.rateData, other, 1.5, variant);
      }
    }
    await runWgsl(phiData, rateData, { b: 1, h: 12, w: 12, c: 8 }, 0.3, 'kernel');
    expect(Object.keys(backend.pipelineCache).length).toBe(pipelines);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.memory().numBytes).toBe(bytes);
  });
});
