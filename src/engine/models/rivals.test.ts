// The rivals at the size of the bundled Fashion-MNIST models (64x64 input, dims 32-64-128-256, depths 1-1-3-1):
// PyTorch's parameter counts (tools/python/train_fashion.py prints them), vHeat's stage map sizes, the HeatModel
// interface the ERF needs, and no heat operator. (Logits against PyTorch: tools/python/parityFixtures.test.ts.)
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RivalConfig } from '../config';
import { testSeed } from '../ops/testing/testRandom';
import { isHeatConfig, requireHeatConfig } from './heatFamily';
import { buildModel } from './model';
import { randomWeights } from './randomWeights';

const shared = { dims: [32, 64, 128, 256], depths: [1, 1, 3, 1], numClasses: 10, trainResolution: 64 };
const CASES: [RivalConfig, number][] = [
  [{ family: 'convnext', ...shared, mlpRatio: 6 }, 1_877_354],
  [{ family: 'vit', ...shared, mlpRatio: 4, headDim: 32 }, 1_850_858],
];

describe('the rivals at the bundled size', () => {
  const seed = testSeed();
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CASES)('%o has PyTorch\'s parameter count, stage maps 16/8/4/2 and finite logits', (config, params) => {
    const model = buildModel(config, randomWeights(config, seed));
    expect(model.numParameters()).toBe(params);
    expect(model.diffusivity(0, 0, 16, 16)).toBeNull();
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([2, 64, 64, 3], 0, 1, 'float32', seed) as tf.Tensor4D;
    const r = model.forward(x, { capture: true });
    expect(r.logits.shape).toEqual([2, 10]);
    expect(r.logits.dataSync().every(Number.isFinite)).toBe(true);
    expect(r.stages.map((s) => s.shape)).toEqual([[2, 16, 16, 32], [2, 8, 8, 64], [2, 4, 4, 128], [2, 2, 2, 256]]);
    expect(r.blocks.map((b) => `${b.stage}.${b.block}`)).toEqual(['0.0', '1.0', '2.0', '2.1', '2.2', '3.0']);
    // the ERF's entry points: forwardToStage / forwardToBlock give the stage's (or block's) output
    const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
    const stage2 = model.forwardToStage(x, 2);
    expect(maxDiff(stage2, r.stages[2])).toBe(0);
    const block = model.forwardToBlock(x, 2, 1);
    expect(maxDiff(block, r.blocks[3].input)).toBe(0);
    tf.dispose([x, r.logits, ...r.stages, stage2, block, ...r.blocks.flatMap((b) => [b.input, b.output])]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('are refused by the heat analyses with a typed unsupported error', () => {
    for (const [config] of CASES) {
      expect(isHeatConfig(config)).toBe(false);
      expect(() => requireHeatConfig(config, 'heat frames')).toThrow(expect.objectContaining({ name: 'EngineStateError', code: 'unsupported' }));
    }
  });
});
