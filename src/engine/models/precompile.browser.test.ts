// HeatModel.precompile on WebGPU: every pipeline of a forward pass created in parallel, nothing run, nothing cached
// from the compile-only pass (vHeat's rate maps would be uncomputed buffers), nothing leaked.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HcNetConfig, ModelConfig, VHeatConfig } from '../config';
import { withGpuErrorCheck } from '../ops/testing/gpuErrors';
import { testSeed } from '../ops/testing/testRandom';
import { buildModel } from './model';
import { randomWeights } from './randomWeights';

const seed = testSeed();

const vheat: VHeatConfig = { family: 'vheat', dims: [8, 16, 24, 32], depths: [1, 2, 1, 1], postNorm: false, layerScale: false, mlpRatio: 2, numClasses: 7, trainResolution: 32, inferenceMode: false };
const vheatInfer: VHeatConfig = { ...vheat, postNorm: true, layerScale: true, inferenceMode: true };
const hcnet: HcNetConfig = { family: 'hcnet', dims: [8, 16, 24, 32], depths: [1, 1, 1, 1], mlpRatio: 2, numClasses: 7, trainResolution: 32 };

function pipelineKeys(): number {
  return Object.keys((tf.backend() as unknown as { pipelineCache: Record<string, unknown> }).pipelineCache).length;
}

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

describe('precompile on webgpu', () => {
  // First in this file (a fresh page and device): the pipeline cache starts without these programs.
  it('creates the pipelines of a forward pass, so the first predict compiles nothing more', async () => {
    const model = buildModel(vheat, randomWeights(vheat, 1));
    const x = tf.randomNormal([1, 40, 36, 3], 0, 1, 'float32', seed) as tf.Tensor4D;
    await x.data();
    const before = pipelineKeys();
    const tensors = tf.memory().numTensors;
    await withGpuErrorCheck(() => model.precompile([1, 40, 36, 3]));
    const compiled = pipelineKeys();
    expect(compiled - before).toBeGreaterThan(10);
    expect(tf.memory().numTensors).toBe(tensors);
    const y = tf.tidy(() => model.predict(x));
    await y.data();
    expect(pipelineKeys()).toBe(compiled);
    tf.dispose([x, y]);
    model.dispose();
  });

  for (const config of [vheat, vheatInfer, hcnet] as ModelConfig[]) {
    const name = `${config.family}${'inferenceMode' in config && config.inferenceMode ? ' (inference-mode weights)' : ''}`;
    it(`${name}: logits after precompile equal a fresh model's, bit for bit`, async () => {
      const weights = randomWeights(config, 21);
      const x = tf.randomNormal([2, 32, 32, 3], 0, 1, 'float32', seed) as tf.Tensor4D;
      const precompiled = buildModel(config, weights);
      await precompiled.precompile([2, 32, 32, 3]);
      const a = tf.tidy(() => precompiled.predict(x));
      const fresh = buildModel(config, weights);
      const b = tf.tidy(() => fresh.predict(x));
      const [da, db] = [await a.data(), await b.data()];
      // Same programs on the same data: identical. A rate map cached from the compile-only pass would be an
      // uncomputed buffer (zeros or stale data) and change the logits entirely.
      expect(Array.from(da)).toEqual(Array.from(db));
      expect(da.some((v) => v !== 0)).toBe(true);
      tf.dispose([x, a, b]);
      precompiled.dispose();
      fresh.dispose();
    });
  }

  it('leaves the compile-only flag off, even when the forward pass throws', async () => {
    const model = buildModel(hcnet, randomWeights(hcnet, 2));
    await expect(model.precompile([1, 8, 8, 3])).rejects.toThrow(/input: side/);
    expect(tf.env().getBool('WEBGPU_ENGINE_COMPILE_ONLY')).toBe(false);
    model.dispose();
  });
});
