import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HcNetConfig, VHeatConfig, WeightMap } from '../config';
import { buildModel, ModelBuildError } from './model';
import { randomWeights } from './randomWeights';
import { testSeed } from '../ops/testing/testRandom';
import { countParameters } from '../stateDict';

const vheat: VHeatConfig = { family: 'vheat', dims: [8, 16, 16, 16], depths: [1, 1, 2, 1], postNorm: false, layerScale: false, mlpRatio: 4, numClasses: 10, trainResolution: 32, inferenceMode: false };
const hcnet: HcNetConfig = { family: 'hcnet', dims: [8, 16, 16, 16], depths: [1, 1, 2, 1], mlpRatio: 4, numClasses: 10, trainResolution: 48 };

function buildError(fn: () => unknown): ModelBuildError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ModelBuildError) return e;
    throw e;
  }
  throw new Error('expected a ModelBuildError');
}

describe('buildModel checks weights against the official spec', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('lists missing, unexpected and mismatched keys together', () => {
    const w: WeightMap = randomWeights(vheat, 1);
    w.delete('layers.2.1.op.to_k.0.weight');
    w.delete('freq_embed.3');
    w.set('module.extra', { shape: [1], data: new Float32Array(1) });
    w.set('layers.0.0.mlp.fc1.weight', { shape: [32, 8], data: new Float32Array(256) });
    const e = buildError(() => buildModel(vheat, w));
    expect(e.missing).toEqual(['freq_embed.3', 'layers.2.1.op.to_k.0.weight']);
    expect(e.unexpected).toEqual(['module.extra']);
    expect(e.mismatched).toEqual([{ name: 'layers.0.0.mlp.fc1.weight', expected: [32, 8, 1, 1], actual: [32, 8] }]);
    expect(e.message).toContain('freq_embed.3');
    expect(e.message).toContain('module.extra');
    expect(e.message).toContain('expected [32,8,1,1] got [32,8]');
  });

  it('training-mode weights do not build an inference-mode config (and say why)', () => {
    const e = buildError(() => buildModel({ ...vheat, inferenceMode: true }, randomWeights(vheat, 2)));
    expect(e.missing).toContain('layers.0.0.op.k_exp');
    expect(e.unexpected).toContain('freq_embed.0');
    expect(e.unexpected).toContain('layers.0.0.op.to_k.0.bias');
  });

  it('rejects wrong data length, non-finite values and a foreign mean_num', () => {
    const w = randomWeights(hcnet, 3);
    w.set('head.bias', { shape: [10], data: new Float32Array(9) });
    const nan = w.get('norm.weight')!;
    nan.data[0] = Number.NaN;
    w.get('layers.0.blocks.0.mean_num')!.data[0] = 4;
    const e = buildError(() => buildModel(hcnet, w));
    expect(e.problems.join('\n')).toMatch(/head\.bias holds 9 values/);
    expect(e.problems.join('\n')).toMatch(/norm\.weight holds non-finite/);
    expect(e.problems.join('\n')).toMatch(/layers\.0\.blocks\.0\.mean_num is not the neighbour-count map/);
  });

  it('rejects a bad config as a ModelBuildError', () => {
    const e = buildError(() => buildModel({ ...hcnet, depths: [1, 1] }, randomWeights(hcnet, 4)));
    expect(e.problems[0]).toMatch(/bad config/);
  });

  it('long key lists are summarised in the message but complete on the error', () => {
    const e = buildError(() => buildModel(vheat, new Map()));
    expect(e.missing.length).toBe(randomWeights(vheat, 5).size);
    expect(e.message).toMatch(/missing keys \(\d+\).*and \d+ more/);
  });

  it('builds valid weights; numParameters is the official count; inputs are checked', () => {
    const m = buildModel(hcnet, randomWeights(hcnet, 6));
    expect(m.numParameters()).toBe(countParameters(hcnet));
    expect(m.diffusivity(0, 0, 4, 4)).toBeNull();
    const small = tf.zeros([1, 31, 40, 3]) as tf.Tensor4D;
    expect(() => m.predict(small)).toThrow(/>= 32/);
    const gray = tf.zeros([1, 32, 32, 1]) as tf.Tensor4D;
    expect(() => m.predict(gray)).toThrow(/\[B,H,W,3\]/);
    const ok = tf.zeros([1, 32, 32, 3]) as tf.Tensor4D;
    expect(() => m.predict(ok, { diffusivity: { global: -1, perStage: [] } })).toThrow(/>= 0/);
    expect(() => m.forwardToStage(ok, 4)).toThrow(/stage/);
    m.dispose();
    expect(() => m.predict(ok)).toThrow(/disposed/);
    tf.dispose([small, gray, ok]);
  });

  for (const config of [{ ...vheat, postNorm: true, layerScale: true }, hcnet] as const) {
    it(`${config.family}: numTensors equal after 1 and 100 predictions (cpu backend)`, () => {
      const seed = testSeed();
      const m = buildModel(config, randomWeights(config, seed));
      const x = tf.randomNormal([1, 32, 32, 3], 0, 1, 'float32', seed) as tf.Tensor4D;
      tf.dispose(m.predict(x));
      const after1 = tf.memory().numTensors;
      for (let i = 0; i < 100; i++) tf.dispose(m.predict(x, { diffusivity: { global: i % 3, perStage: [1, 0.5] } }));
      expect(tf.memory().numTensors).toBe(after1);
      const r = m.forward(x, { capture: true });
      tf.dispose([r.logits, ...r.stages]);
      for (const b of r.blocks) tf.dispose([b.input, b.output, b.phi, b.rate, b.heatOut, b.alpha].filter((t) => t !== undefined));
      expect(tf.memory().numTensors).toBe(after1);
      m.dispose();
      x.dispose();
    });
  }

  it('a built vHeat holds its weights once (float32 bytes), no second copy of any layer', () => {
    const weights = randomWeights(vheat, 3);
    const stateDictBytes = [...weights.values()].reduce((a, t) => a + 4 * t.data.length, 0);
    // Made at build time beyond the state dict: the downsamplers' zero conv biases (ParamStore.unbiasedConv).
    const zeroBiasBytes = 4 * vheat.dims.slice(1).reduce((a, d) => a + d, 0);
    const before = tf.memory().numBytes;
    const m = buildModel(vheat, weights);
    const held = tf.memory().numBytes - before;
    expect(held).toBeLessThanOrEqual(stateDictBytes + zeroBiasBytes);
    // Every large tensor is held: at least 99 % of the state dict (only a few scalars may be folded away).
    expect(held).toBeGreaterThan(0.99 * stateDictBytes);
    m.dispose();
    expect(tf.memory().numBytes).toBe(before);
  });

  it('precompile is a no-op off WebGPU: nothing compiled, cached or leaked, predictions unchanged', async () => {
    const m = buildModel(vheat, randomWeights(vheat, 4));
    const x = tf.randomNormal([1, 32, 32, 3], 0, 1, 'float32', testSeed()) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    await m.precompile([1, 32, 32, 3]);
    expect(tf.memory().numTensors).toBe(before);
    // (the webgpu backend and its compile-only flag are not even loaded in this Node test)
    const y = m.predict(x);
    expect(y.dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose([x, y]);
    m.dispose();
  });

  it('per-size caches are bounded: many input sizes do not grow memory without limit', () => {
    const m = buildModel(vheat, randomWeights(vheat, 8));
    const built = tf.memory().numTensors;
    let most = 0;
    for (let side = 32; side < 32 + 40; side += 2) {
      const x = tf.zeros([1, side, 32, 3]) as tf.Tensor4D;
      tf.dispose(m.predict(x));
      x.dispose();
      most = Math.max(most, tf.memory().numTensors - built);
    }
    // 5 blocks, one rate map per block and stage size, at most MAX_CACHED_SIZES (8) per block kept.
    expect(most).toBeGreaterThan(5);
    expect(most).toBeLessThanOrEqual(8 * 5);
    m.dispose();
    expect(tf.memory().numTensors).toBeLessThan(built);
  });
});
