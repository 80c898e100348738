// The engine's CPU path (tfjs-wasm, the backend of every visitor without a GPU) against PyTorch on vHeat-T 224:
// the engine's random weights and seeded input (seededModels.ts), PyTorch's logits on the very same numbers
// (fixtures/parity/vheat-t-224-anchor.json, tools/python/make_anchor.py). The Dawn rows are checked against the same
// anchor by tools/dawn/dispatchCount.ts --anchor (src/engine/backend/dispatchCount.test.ts).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/engine/models/model';
import { useNodeBackend } from '../../src/engine/ops/testing/nodeBackends';
import { compareWithAnchor, float32Sha256, readAnchor, top5, VHEAT_T_224_ANCHOR, weightsSha256 } from './anchor';
import { SEEDED_MODELS, seededInput, seededWeights } from './seededModels';

// As the other PyTorch parity tests: float32 on both sides, different summation orders (PyTorch's own float32
// logits are ~6e-7 from float64 here: the anchor's float32VsFloat64).
const TOL = 1e-4;

describe('vHeat-T 224 on the CPU path (tfjs-wasm) against the PyTorch anchor', () => {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    await useNodeBackend('wasm');
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });

  it('the anchor holds the engine\'s own weights and input (else regenerate it: its "command")', () => {
    const anchor = readAnchor(VHEAT_T_224_ANCHOR);
    const { config, side } = SEEDED_MODELS[anchor.model];
    expect(anchor.config).toEqual(config);
    expect(weightsSha256(seededWeights(config)), `randomWeights changed: ${anchor.command}`).toBe(anchor.weightsSha256);
    expect(float32Sha256([seededInput(side)]), `the seeded input changed: ${anchor.command}`).toBe(anchor.inputSha256);
    expect(top5(anchor.logits)).toEqual(anchor.top5);
  });

  it('logits within 1e-4 of PyTorch (max |diff| / max |logit|), the same top-5', async () => {
    const anchor = readAnchor(VHEAT_T_224_ANCHOR);
    const { config, side } = SEEDED_MODELS[anchor.model];
    const model = buildModel(config, seededWeights(config));
    const x = tf.tensor4d(seededInput(side), [1, side, side, 3]);
    const y = model.predict(x);
    const logits = (await y.data()) as Float32Array;
    tf.dispose([x, y]);
    model.dispose();
    const { vsAnchor, anchorTop5 } = compareWithAnchor(logits, anchor);
    console.log(`vHeat-T 224 on ${tf.getBackend()}: vs PyTorch ${vsAnchor.toExponential(2)}, top-5 ${top5(logits)}`);
    expect(vsAnchor).toBeLessThan(TOL);
    expect(top5(logits)).toEqual(anchorTop5);
  }, 120_000);
});
