// The engine's TypeScript kernels (cpuKernel.ts) inside Chromium on tfjs's 'wasm' backend, the playground's CPU
// fallback: the browser build (SIMD, heap views) is not the one the Node unit tests load.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VHeatConfig } from '../config';
import { erfContribution } from '../analysis/effectiveReceptiveField';
import { buildModel } from '../models/model';
import { randomWeights } from '../models/randomWeights';
import { erf64 } from './dense/denseReference';
import { GELU_ERF_KERNEL } from './gelu/geluCpuKernel';
import { geluExact } from './gelu/geluExact';
import { maxRelativeError } from './testing/relativeError';
import { testSeed, seededRandom, uniformArray } from './testing/testRandom';
import { channelLayerNorm } from './norm/channelLayerNorm';
import { CHANNEL_LAYER_NORM_KERNEL } from './norm/channelLayerNormKernel';
import { channelLayerNormReference } from './norm/layerNormReference';

// Tolerances: LayerNorm and GELU as in their unit tests (channelLayerNormCpuKernel.test.ts, geluCpuKernel.test.ts):
// 1e-6 of max |ref| covers float32 output rounding and the erf approximation (<= 1.5e-7 |u|).
const KERNEL_TOL = 1e-6;
// The whole model on 'wasm' vs 'webgpu' (WGSL kernels): float32 both, different summation orders in every matMul
// and conv; the PyTorch parity tests see ~1e-6 on each. 1e-4 of max |logit| as there; a wrong layer is > 1e-2.
const MODEL_TOL = 1e-4;

const seed = testSeed();
const rand = seededRandom(seed);

async function use(name: 'wasm' | 'webgpu'): Promise<void> {
  expect(await tf.setBackend(name)).toBe(true);
  await tf.ready();
}

beforeAll(async () => {
  setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  await use('wasm');
});

afterAll(async () => {
  await use('webgpu');
});

describe("the engine's fused TypeScript kernels on Chromium's tfjs 'wasm' backend", () => {
  it('channel LayerNorm: one kernel, equal to the float64 reference', async () => {
    await use('wasm');
    const shape: [number, number, number, number] = [1, 6, 5, 48];
    const x = uniformArray(rand, 6 * 5 * 48, -3, 5);
    const weight = uniformArray(rand, 48, 0.5, 2);
    const bias = uniformArray(rand, 48, -1, 1);
    const [xt, wt, bt] = [tf.tensor4d(x, shape), tf.tensor1d(weight), tf.tensor1d(bias)];
    const prof = await tf.profile(() => channelLayerNorm(xt, wt, bt, 1e-6));
    expect(prof.kernels.map((k) => k.name)).toEqual([CHANNEL_LAYER_NORM_KERNEL]);
    const y = channelLayerNorm(xt, wt, bt, 1e-6);
    expect(maxRelativeError(await y.data(), channelLayerNormReference(x, 48, weight, bias, 1e-6))).toBeLessThan(KERNEL_TOL);
    tf.dispose([xt, wt, bt, y]);
  });

  it('exact GELU: one kernel, equal to the float64 GELU', async () => {
    await use('wasm');
    const x = uniformArray(rand, 10_000, -8, 8);
    const xt = tf.tensor1d(x);
    const prof = await tf.profile(() => geluExact(xt));
    expect(prof.kernels.map((k) => k.name)).toEqual([GELU_ERF_KERNEL]);
    const y = geluExact(xt);
    const ref = Array.from(x, (u) => 0.5 * u * (1 + erf64(u / Math.SQRT2)));
    expect(maxRelativeError(await y.data(), ref)).toBeLessThan(KERNEL_TOL);
    tf.dispose([xt, y]);
  });

  it("a vHeat model's logits on 'wasm' equal those on 'webgpu', and repeated inference holds no tensor", async () => {
    const config: VHeatConfig = { family: 'vheat', dims: [8, 16, 24, 32], depths: [1, 2, 1, 1], postNorm: false, layerScale: false, mlpRatio: 2, numClasses: 10, trainResolution: 32, inferenceMode: false };
    const input = uniformArray(rand, 32 * 32 * 3, -2, 2);
    const logits = async (backend: 'wasm' | 'webgpu') => {
      await use(backend);
      const model = buildModel(config, randomWeights(config, 7));
      const x = tf.tensor4d(input, [1, 32, 32, 3]);
      tf.tidy(() => model.predict(x)).dispose(); // warm-up: caches the per-size rate maps
      const before = tf.memory().numTensors;
      let out: Float32Array = new Float32Array();
      for (let i = 0; i < 3; i++) {
        const y = tf.tidy(() => model.predict(x));
        out = (await y.data()) as Float32Array;
        y.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      model.dispose();
      return out;
    };
    const onWasm = await logits('wasm');
    const onGpu = await logits('webgpu');
    expect(maxRelativeError(onWasm, onGpu)).toBeLessThan(MODEL_TOL);
  });

  it("the effective receptive field (gradients through every fused kernel) on 'wasm' equals the one on 'webgpu'", async () => {
    const config: VHeatConfig = { family: 'vheat', dims: [8, 16, 24, 32], depths: [1, 1, 1, 1], postNorm: false, layerScale: false, mlpRatio: 2, numClasses: 10, trainResolution: 32, inferenceMode: false };
    const input = uniformArray(rand, 32 * 32 * 3, -2, 2);
    const erf = async (backend: 'wasm' | 'webgpu', stage: number) => {
      await use(backend);
      const model = buildModel(config, randomWeights(config, 11));
      const x = tf.tensor4d(input, [1, 32, 32, 3]);
      const g = tf.tidy(() => erfContribution(model, x, stage, { row: 1, col: 2 }));
      const data = await g.data();
      tf.dispose([g, x]);
      model.dispose();
      return data;
    };
    // Stage 0 (8x8 maps: the TypeScript heat kernel's gradient on 'wasm') and stage 1 (through a downsampler too).
    for (const stage of [0, 1]) {
      const onWasm = await erf('wasm', stage);
      const onGpu = await erf('webgpu', stage);
      expect(Math.max(...onWasm)).toBeGreaterThan(0);
      expect(maxRelativeError(onWasm, onGpu), `stage ${stage}`).toBeLessThan(MODEL_TOL);
    }
  });
});
