// One step of the global slider with every default view's request (prediction, block thumbnails, heat frames,
// spectrum, point response, the visible stage's ERF) runs exactly one forward pass in the worker, plus the one
// gradient pass the ERF needs; the cache keeps few entries and leaks nothing. The worker's own handler table
// (handlers/index.ts) on the tfjs CPU backend in Node, with the random tiny models the page offers.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../../engine/image';
import type { DiffusivityScale } from '../../engine/models/types';
import { seededRandom, testSeed } from '../../engine/ops/testing/testRandom';
import { FORWARD_CACHE_ENTRIES } from './forwardCache';
import { stateHandlers, type StateHandlers } from './handlers';
import { setDecodedImage } from './handlers/image';
import { createEngineState, type EngineState } from './state';

const seed = testSeed('forward passes');
const none = () => {};

function randomImage(side: number): RgbImage {
  const rand = seededRandom(seed);
  return { width: side, height: side, data: Uint8ClampedArray.from({ length: side * side * 4 }, () => Math.floor(rand() * 256)) };
}

async function loaded(id: string): Promise<{ state: EngineState; engine: StateHandlers; stages: number }> {
  const state = createEngineState();
  const engine = stateHandlers(state);
  const { model } = await engine.loadModel({ source: { kind: 'random', id } }, none);
  setDecodedImage(state, randomImage(40), 'random.png');
  return { state, engine, stages: model.config.depths.length };
}

/** What the default views ask for after the global slider moves to `global` (stage 1, block 0 selected), one
 *  request after another as the worker's queue runs them. */
async function sequentialStep(engine: StateHandlers, stages: number, global: number, vheat: boolean): Promise<void> {
  const diffusivity: DiffusivityScale = { global, perStage: Array.from({ length: stages }, () => 1) };
  const [stage, block] = [1, 0];
  await engine.predict({ diffusivity }, none);
  await engine.blockThumbs({ stage, diffusivity }, none);
  await engine.heatFrames({ stage, block, diffusivity, mode: { kind: 'conducting' }, times: [0, 1, 2] }, none);
  await engine.channelConduction({ stage, block, diffusivity }, none);
  if (vheat) {
    await engine.operatorSteps({ stage, block, diffusivity, channel: null, t: 1 }, none);
    await engine.frequencyDecay({ stage, block, diffusivity, channel: null, n: 1, m: 0, times: [0, 1, 2] }, none);
  }
  await engine.spectrum({ stage, block, channel: null }, none);
  await engine.pointResponse({ stage, block, diffusivity, row: 1, col: 1, channel: null, conducting: true, t: 2 }, none);
  await engine.erf({ stage, row: 10, col: 20, diffusivity }, none);
}

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('one slider step, one forward pass', () => {
  for (const id of ['random-vheat-tiny', 'random-hcnet-tiny']) {
    it(`${id}: every default view's request after one step runs 1 forward and 1 gradient pass (the ERF)`, async () => {
      const { state, engine, stages } = await loaded(id);
      await sequentialStep(engine, stages, 1, id.includes('vheat')); // the first view of the image (HcNet's multiplier-1 alpha is cached here)
      const before = { ...state.passes };
      await sequentialStep(engine, stages, 0.5, id.includes('vheat'));
      expect(state.passes.forward - before.forward).toBe(1);
      expect(state.passes.predict - before.predict).toBe(0);
      expect(state.passes.partial - before.partial).toBe(1);
      // Back to the previous position: still cached, no forward at all.
      const back = { ...state.passes };
      await sequentialStep(engine, stages, 1, id.includes('vheat'));
      expect(state.passes.forward - back.forward).toBe(0);
    });
  }

  it('equal products share a pass; a new image or model empties the cache', async () => {
    const { state, engine, stages } = await loaded('random-vheat-tiny');
    const perStage = Array.from({ length: stages }, () => 1);
    await engine.predict({ diffusivity: { global: 2, perStage } }, none);
    await engine.predict({ diffusivity: { global: 1, perStage: perStage.map(() => 2) } }, none);
    expect(state.passes.forward).toBe(1);
    setDecodedImage(state, randomImage(48), 'other.png');
    expect(state.forwards.size).toBe(0);
    await engine.predict({ diffusivity: { global: 2, perStage } }, none);
    expect(state.passes.forward).toBe(2);
    await engine.loadModel({ source: { kind: 'random', id: 'random-hcnet-tiny' } }, none);
    expect(state.forwards.size).toBe(0);
  });

  it(`keeps at most ${FORWARD_CACHE_ENTRIES} passes and leaves the tensor count flat across steps`, async () => {
    const { state, engine, stages } = await loaded('random-vheat-tiny');
    await sequentialStep(engine, stages, 0.25, true);
    await sequentialStep(engine, stages, 0.5, true);
    const settled = (await engine.memory({}, none)).numTensors;
    for (const global of [0, 2, 4, 0.5]) await sequentialStep(engine, stages, global, true);
    const after = await engine.memory({}, none);
    expect(after.cachedForwards).toBe(FORWARD_CACHE_ENTRIES);
    expect(after.numTensors).toBe(settled);
    // Emptying the cache (as a new image does) gives back every tensor of the cached passes.
    state.forwards.clear();
    state.loaded?.model.dispose();
    state.input?.dispose();
    expect(tf.memory().numTensors).toBeLessThan(settled);
  });
});
