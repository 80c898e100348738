import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HcNetConfig, ModelConfig, VHeatConfig, WeightMap } from '../config';
import type { HeatImpl } from '../ops/heat/heatConduction';
import { toInferenceMode } from './inferenceWeights';
import { buildModel, type RunOptions } from './model';
import { cases } from './parity/cases';
import { caseInput, caseModel, torchOutputs } from './parity/parityCase';
import { maxRelativeError } from '../ops/testing/relativeError';
import { randomWeights } from './randomWeights';
import { SeededRandom } from './seededRandom';
import { testSeed } from '../ops/testing/testRandom';
import { forceKernelRow } from '../backend/kernelChoice';

// Tolerances (all relative to the largest magnitude of the reference tensor):
// - webgpu vs cpu backend / vs PyTorch: float32 on both sides; they differ in summation order (matMul tiling,
//   DCT as matMul vs a WGSL kernel) and in exp/erf/rsqrt approximations (SwiftShader, WGSL built-ins, tfjs's
//   polynomial erf ~1e-7). Through ~10 layers with norms this stays ~1e-6; 1e-4 is the budget and
//   still 100x below what a wrong layer, epsilon or layout produces (>1e-2).
const BACKEND_TOL = 1e-4;
// - identity check: DCT then IDCT with float32 cosines, N <= 12: ~1e-6 of max|phi|.
const IDENTITY_TOL = 1e-5;

const seed = testSeed();
const rng = new SeededRandom(seed);

const tinyV = (o: Partial<VHeatConfig>): VHeatConfig => ({
  family: 'vheat', dims: [8, 16, 16, 16], depths: [1, 1, 2, 1], postNorm: false, layerScale: false, mlpRatio: 4, numClasses: 10, trainResolution: 32, inferenceMode: false, ...o,
});
const tinyH: HcNetConfig = { family: 'hcnet', dims: [8, 16, 16, 16], depths: [1, 1, 2, 1], mlpRatio: 4, numClasses: 10, trainResolution: 48 };

const variants: { name: string; config: ModelConfig }[] = [
  { name: 'vHeat pre-norm', config: tinyV({}) },
  { name: 'vHeat pre-norm + layer scale', config: tinyV({ layerScale: true }) },
  { name: 'vHeat post-norm', config: tinyV({ postNorm: true }) },
  { name: 'vHeat post-norm + layer scale', config: tinyV({ postNorm: true, layerScale: true }) },
  { name: 'vHeat inference mode (random k_exp)', config: tinyV({ postNorm: true, layerScale: true, inferenceMode: true }) },
  { name: 'HcNet', config: tinyH },
];
const sizes: [number, number][] = [
  [32, 32],
  [40, 48],
];

interface Outputs {
  logits: Float32Array;
  stages: Float32Array[];
  blocks: Float32Array[];
}

/** Builds the model on `backend`, runs forward with captures, reads everything back, frees everything. */
async function runOn(backend: 'webgpu' | 'cpu', config: ModelConfig, weights: WeightMap, input: Float32Array, shape: [number, number, number, number], opts: RunOptions = {}): Promise<Outputs> {
  expect(await tf.setBackend(backend)).toBe(true);
  const model = buildModel(config, weights);
  const x = tf.tensor4d(input, shape);
  const r = model.forward(x, { ...opts, capture: true });
  const out: Outputs = {
    logits: (await r.logits.data()) as Float32Array,
    stages: await Promise.all(r.stages.map((s) => s.data() as Promise<Float32Array>)),
    blocks: await Promise.all(r.blocks.map((b) => b.output.data() as Promise<Float32Array>)),
  };
  tf.dispose([x, r.logits, ...r.stages]);
  for (const b of r.blocks) tf.dispose([b.input, b.output, b.phi, b.rate, b.heatOut, b.alpha].filter((t) => t !== undefined));
  model.dispose();
  return out;
}

function expectClose(a: Outputs, b: Outputs, what: string): number {
  let worst = 0;
  a.blocks.forEach((blk, i) => {
    const e = maxRelativeError(blk, b.blocks[i]);
    expect(e, `${what} block ${i}`).toBeLessThan(BACKEND_TOL);
    worst = Math.max(worst, e);
  });
  a.stages.forEach((s, i) => expect(maxRelativeError(s, b.stages[i]), `${what} stage ${i}`).toBeLessThan(BACKEND_TOL));
  const e = maxRelativeError(a.logits, b.logits);
  expect(e, `${what} logits`).toBeLessThan(BACKEND_TOL);
  return Math.max(worst, e);
}

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

describe('webgpu vs cpu backend, same weights', () => {
  for (const v of variants) {
    for (const [h, w] of sizes) {
      it(`${v.name} at ${h}x${w}: every block, stage and the logits`, async () => {
        const weights = randomWeights(v.config, rng.uniform() * 2 ** 31);
        const shape: [number, number, number, number] = [2, h, w, 3];
        const input = rng.normals(2 * h * w * 3);
        const cpu = await runOn('cpu', v.config, weights, input, shape);
        const impls: HeatImpl[] = v.config.family === 'vheat' ? ['kernel', 'tfjs'] : ['auto'];
        for (const heatImpl of impls) {
          const gpu = await runOn('webgpu', v.config, weights, input, shape, { heatImpl });
          const worst = expectClose(gpu, cpu, heatImpl);
          console.log(`${v.name} ${h}x${w} ${heatImpl}: max relative error ${worst.toExponential(2)}`);
        }
      });
    }
  }
});

describe('PyTorch parity on webgpu', () => {
  // 'kernel': what the engine picks (the matrix passes at these small sides); 'wgsl-fast': every heat axis on the fast
  // DCT (heatFastDctProgram.ts), which must keep the same parity.
  for (const c of cases) {
    for (const heatImpl of ['kernel', 'wgsl-fast'] as const) {
      it(`${c.name} (${heatImpl})`, async () => {
        const ref = torchOutputs(c.name);
        const { config, weights } = caseModel(c);
        const gpu = await runOn('webgpu', config, weights, caseInput(c), c.inputShape, { heatImpl });
        gpu.stages.forEach((s, i) => expect(maxRelativeError(s, ref.stages[i].data), `stage ${i}`).toBeLessThan(BACKEND_TOL));
        const e = maxRelativeError(gpu.logits, ref.logits);
        console.log(`parity ${c.name} ${heatImpl}: logits relative error ${e.toExponential(2)}`);
        expect(e).toBeLessThan(BACKEND_TOL);
      });
    }
  }
});

/** One predict (no captures, tape off, heatImpl 'auto'): the logits and the names of the kernels it ran. */
async function predictProfiled(config: ModelConfig, weights: WeightMap, input: Float32Array, shape: [number, number, number, number]): Promise<{ logits: Float32Array; kernels: string[] }> {
  const model = buildModel(config, weights);
  const x = tf.tensor4d(input, shape);
  let logits: Float32Array = new Float32Array(0);
  const prof = await tf.profile(async () => {
    const y = model.predict(x);
    logits = (await y.data()) as Float32Array;
    y.dispose();
  });
  x.dispose();
  model.dispose();
  return { logits, kernels: prof.kernels.map((k) => k.name) };
}

describe("the hardware-GPU row ('unmeasured-gpu', forced) on webgpu: post-norm vHeat and HcNet blocks fused", () => {
  // The fused blocks (fusedBlock.ts, fusedHcBlock.ts) against PyTorch and against SwiftShader's unfused row on the
  // same weights and input: same tolerance as above (float32, other summation orders). A kernel only the fused block
  // runs must appear on the forced row and not on SwiftShader's, or the comparison proves nothing.
  const top5 = (logits: ArrayLike<number>, classes: number) => Array.from({ length: logits.length / classes }, (_, r) =>
    Array.from({ length: classes }, (_, i) => i).sort((a, b) => logits[r * classes + b] - logits[r * classes + a]).slice(0, 5));
  const onlyFused = (c: ModelConfig) => (c.family === 'hcnet' ? 'ExplicitHeatStep' : 'ChannelLayerNormResidual');
  for (const c of cases.filter((k) => /postnorm|hcnet/.test(k.name))) {
    it(`${c.name}: logits within 1e-4 of PyTorch and of the unfused row, same top-5`, async () => {
      const ref = torchOutputs(c.name);
      const { config, weights } = caseModel(c);
      try {
        forceKernelRow('unmeasured-gpu');
        const fused = await predictProfiled(config, weights, caseInput(c), c.inputShape);
        forceKernelRow('swiftshader');
        const plain = await predictProfiled(config, weights, caseInput(c), c.inputShape);
        expect(fused.kernels).toContain(onlyFused(config));
        expect(plain.kernels).not.toContain(onlyFused(config));
        const vsTorch = maxRelativeError(fused.logits, ref.logits);
        const vsPlain = maxRelativeError(fused.logits, plain.logits);
        console.log(`fused ${c.name}: vs PyTorch ${vsTorch.toExponential(2)}, vs unfused ${vsPlain.toExponential(2)}`);
        expect(vsTorch).toBeLessThan(BACKEND_TOL);
        expect(vsPlain).toBeLessThan(BACKEND_TOL);
        expect(top5(fused.logits, config.numClasses)).toEqual(top5(ref.logits, config.numClasses));
        expect(top5(fused.logits, config.numClasses)).toEqual(top5(plain.logits, config.numClasses));
      } finally {
        forceKernelRow(null);
      }
    });
  }
});

describe('vHeat semantics on webgpu', () => {
  it('inference mode (k_exp from the same k) gives the training-mode logits at the train size and when cropping', async () => {
    for (const [config, h, w] of [[tinyV({ postNorm: true, layerScale: true }), 32, 32], [tinyV({ trainResolution: 64 }), 40, 48]] as const) {
      const weights = randomWeights(config, rng.uniform() * 2 ** 31);
      const inf = toInferenceMode(config, weights);
      const input = rng.normals(2 * h * w * 3);
      const train = await runOn('webgpu', config, weights, input, [2, h, w, 3]);
      const infer = await runOn('webgpu', inf.config, inf.weights, input, [2, h, w, 3]);
      const e = maxRelativeError(infer.logits, train.logits);
      console.log(`inference vs training mode ${h}x${w}: ${e.toExponential(2)}`);
      expect(e).toBeLessThan(BACKEND_TOL);
    }
  });

  it('diffusivity 0 makes every operator the identity; 0 vs 1 changes the output; scales per stage', async () => {
    const config = tinyV({ postNorm: true, layerScale: true });
    const model = buildModel(config, randomWeights(config, rng.uniform() * 2 ** 31));
    const x = tf.tensor4d(rng.normals(1 * 40 * 48 * 3), [1, 40, 48, 3]);
    const zero = model.forward(x, { capture: true, diffusivity: { global: 0, perStage: [1, 1, 1, 1] } });
    for (const b of zero.blocks) {
      expect(b.scale).toBe(0);
      expect(maxRelativeError(await b.heatOut!.data(), await b.phi!.data())).toBeLessThan(IDENTITY_TOL);
    }
    const one = model.predict(x);
    const zeroLogits = await zero.logits.data();
    expect(maxRelativeError(zeroLogits, await one.data())).toBeGreaterThan(1e-3);
    const mixed = model.forward(x, { capture: true, diffusivity: { global: 2, perStage: [0.5, 0, 3] } });
    expect(mixed.blocks.map((b) => b.scale)).toEqual([1, 0, 6, 6, 2]);
    // The rate map a block reports is the unscaled one: (w_n^2 + w_m^2) k, 0 at the zero frequency.
    const rate = mixed.blocks[0].rate!;
    expect(rate.shape).toEqual([10, 12, 8]);
    const k = model.diffusivity(0, 0, 10, 12)!;
    expect((await tf.min(k).data())[0]).toBeGreaterThanOrEqual(0);
    expect((await rate.data()).slice(0, 8).every((v) => v === 0)).toBe(true);
    tf.dispose([x, one, k, zero.logits, ...zero.stages, mixed.logits, ...mixed.stages]);
    for (const b of [...zero.blocks, ...mixed.blocks]) tf.dispose([b.input, b.output, b.phi!, b.rate!, b.heatOut!]);
    model.dispose();
  });

  it('HcNet diffusivity scales alpha; 0 removes the explicit step', async () => {
    const model = buildModel(tinyH, randomWeights(tinyH, rng.uniform() * 2 ** 31));
    const x = tf.tensor4d(rng.normals(2 * 40 * 48 * 3), [2, 40, 48, 3]);
    const one = model.forward(x, { capture: true });
    const half = model.forward(x, { capture: true, diffusivity: { global: 0.5, perStage: [] } });
    const zero = model.forward(x, { capture: true, diffusivity: { global: 0, perStage: [] } });
    const a1 = await one.blocks[0].alpha!.data();
    const a5 = await half.blocks[0].alpha!.data();
    expect(one.blocks[0].alpha!.shape).toEqual([2, 1, 1, 8]);
    a1.forEach((v, i) => {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
      expect(a5[i]).toBeCloseTo(v / 2, 6);
    });
    expect((await zero.blocks[0].alpha!.data()).every((v) => v === 0)).toBe(true);
    expect(maxRelativeError(await zero.logits.data(), await one.logits.data())).toBeGreaterThan(1e-3);
    for (const r of [one, half, zero]) {
      tf.dispose([r.logits, ...r.stages]);
      for (const b of r.blocks) tf.dispose([b.input, b.output, b.alpha!]);
    }
    x.dispose();
    model.dispose();
  });
});

describe('memory and gradients on webgpu', () => {
  // Tensor bookkeeping is what is under test (one vHeat with the WGSL operator, one HcNet). A leak adds the
  // same tensors on every call, so 1 vs 10 calls detects it as surely as 1 vs 100; SwiftShader on a shared
  // CPU takes 1-7 s per tiny prediction, so the 100-call check runs on the cpu backend (model.test.ts).
  const CALLS = 10;
  for (const v of [variants[3], variants[5]]) {
    it(`${v.name}: numTensors flat after 1 and ${CALLS} predictions; captures, stages and grads freed`, async () => {
      const model = buildModel(v.config, randomWeights(v.config, rng.uniform() * 2 ** 31));
      const x = tf.tensor4d(rng.normals(1 * 32 * 32 * 3), [1, 32, 32, 3]);
      const first = model.predict(x);
      await first.data();
      first.dispose();
      // A predict on a fusing row (the default here: no adapter set) takes the fused blocks, a captured forward the
      // unfused ones: one of each first, so both paths' per-size caches (HcNet's neighbour counts) exist.
      const warm = model.forward(x, { capture: true });
      tf.dispose([warm.logits, ...warm.stages]);
      for (const b of warm.blocks) tf.dispose([b.input, b.output, b.phi, b.rate, b.heatOut, b.alpha].filter((t) => t !== undefined));
      const after1 = tf.memory().numTensors;
      const t0 = performance.now();
      for (let i = 0; i < CALLS; i++) {
        // Changing the diffusivity never rebuilds or caches anything new.
        const y = model.predict(x, { diffusivity: { global: (i % 5) / 2, perStage: [] } });
        if (i % 5 === 4) await y.data();
        y.dispose();
      }
      console.log(`${v.name}: ${CALLS} predictions at 32x32 in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      expect(tf.memory().numTensors).toBe(after1);
      const r = model.forward(x, { capture: true });
      tf.dispose([r.logits, ...r.stages]);
      for (const b of r.blocks) tf.dispose([b.input, b.output, b.phi, b.rate, b.heatOut, b.alpha].filter((t) => t !== undefined));
      expect(tf.memory().numTensors).toBe(after1);
      // forwardToStage is differentiable w.r.t. the input (ERF): centre-pixel sum of stage 1.
      const g = tf.grad((inp: tf.Tensor) => {
        const y = model.forwardToStage(inp as tf.Tensor4D, 1);
        const [, h, w] = y.shape;
        return tf.sum(tf.slice(y, [0, h >> 1, w >> 1, 0], [1, 1, 1, -1]));
      })(x);
      const gd = await g.data();
      expect(g.shape).toEqual(x.shape);
      expect(gd.every(Number.isFinite)).toBe(true);
      expect(gd.some((v) => v !== 0)).toBe(true);
      g.dispose();
      expect(tf.memory().numTensors).toBe(after1);
      x.dispose();
      model.dispose();
    });
  }

  it('forwardToStage equals the stage output of forward', async () => {
    const config = tinyV({});
    const model = buildModel(config, randomWeights(config, rng.uniform() * 2 ** 31));
    const x = tf.tensor4d(rng.normals(1 * 32 * 40 * 3), [1, 32, 40, 3]);
    const r = model.forward(x);
    for (let s = 0; s < 4; s++) {
      const y = model.forwardToStage(x, s);
      expect(y.shape).toEqual(r.stages[s].shape);
      expect(maxRelativeError(await y.data(), await r.stages[s].data())).toBe(0);
      y.dispose();
    }
    tf.dispose([x, r.logits, ...r.stages]);
    model.dispose();
  });
});
