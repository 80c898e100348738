// The ERF through depth (model.forwardToBlock): it ends at the stage ERF, and with diffusivity 0 it grows only by
// the convolutions' windows, not through the heat operators. Fixed seed: the run replays.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, type HeatModel } from '../models/model';
import { randomWeights } from '../models/randomWeights';
import { maxRelativeError } from '../ops/testing/relativeError';
import { effectiveReceptiveField, effectiveReceptiveFieldAtDepth, type ErfMap } from './effectiveReceptiveField';
import { networkDepths } from './networkDepths';
import { gaussian, seededRandom, testSeed } from '../ops/testing/testRandom';
import { tinyHcNetConfig, tinyVHeatConfig } from './testing/tinyModels';

const SEED = testSeed('erf through depth');
const rand = seededRandom(SEED);
const normal = gaussian(rand);

// 32x32 input, stage maps 8, 4, 2, 1; two blocks in stage 0 so the ERF is taken between blocks of a stage.
const S = 32;
const vheatConfig = tinyVHeatConfig([2, 1, 1, 1]);
const hcnetConfig = tinyHcNetConfig([2, 1, 1, 1]);
const OFF = { diffusivity: { global: 0, perStage: [] } };

let vheat: HeatModel;
let hcnet: HeatModel;
let x: tf.Tensor4D;

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
  vheat = buildModel(vheatConfig, randomWeights(vheatConfig, Math.floor(rand() * 2 ** 31)));
  hcnet = buildModel(hcnetConfig, randomWeights(hcnetConfig, Math.floor(rand() * 2 ** 31)));
  x = tf.tensor4d(Float32Array.from({ length: S * S * 3 }, () => normal()), [1, S, S, 3]);
});

afterAll(() => {
  vheat?.dispose();
  hcnet?.dispose();
  x?.dispose();
});

/** Largest g outside rows/cols [lo, hi] of the image, relative to the map's largest g. */
function outsideWindow(erf: ErfMap, lo: { row: number; col: number }, hi: { row: number; col: number }): number {
  let outside = 0;
  for (let r = 0; r < S; r++) for (let c = 0; c < S; c++) {
    if (r >= lo.row && r <= hi.row && c >= lo.col && c <= hi.col) continue;
    outside = Math.max(outside, erf.contribution[r * S + c]);
  }
  return outside / erf.maxContribution;
}

describe('forwardToBlock and the ERF through depth', () => {
  it('forwardToBlock with all blocks of a stage is forwardToStage; 0 blocks of stage 0 is the stem output', async () => {
    for (const model of [vheat, hcnet]) {
      for (let stage = 0; stage < 4; stage++) {
        const [a, b] = [model.forwardToBlock(x, stage, model.config.depths[stage]), model.forwardToStage(x, stage)];
        // the same ops in the same order: identical
        expect(maxRelativeError(await a.data(), await b.data())).toBe(0);
        tf.dispose([a, b]);
      }
      const stem = model.forwardToBlock(x, 0, 0);
      expect(stem.shape).toEqual([1, 8, 8, 8]);
      stem.dispose();
      expect(() => model.forwardToBlock(x, 0, 3)).toThrow(/0\.\.2/);
    }
  });

  it('the ERF after the last block of each stage equals that stage\'s ERF', async () => {
    for (const model of [vheat, hcnet]) {
      for (let stage = 0; stage < 4; stage++) {
        const p = { row: 0, col: 0 };
        const depth = { stage, blocks: model.config.depths[stage] };
        const [a, b] = [await effectiveReceptiveFieldAtDepth(model, x, depth, p), await effectiveReceptiveField(model, x, stage, p)];
        expect(a.blocks).toBe(depth.blocks);
        expect(maxRelativeError(a.contribution, b.contribution)).toBe(0);
        expect(a.areaRatios).toEqual(b.areaRatios);
      }
    }
  });

  it('with diffusivity 0 the vHeat ERF grows only by the conv windows; with 1 the heat operator spreads it', async () => {
    // Stage-0 cell (4, 3) is centred on pixel (16, 12). The stem's two stride-2 3x3 convs see pixels 4q-3..4q+3, and
    // each block's 3x3 dwconv widens that by one stage-0 step (4 pixels) each side. With s = 0 the heat operator is
    // IDCT(DCT(.)) = identity up to float32 rounding (< 1e-5 of the peak outside the window).
    const p = { row: 4, col: 3 };
    const window = (k: number) => ({ lo: { row: 16 - 3 - 4 * k, col: 12 - 3 - 4 * k }, hi: { row: 16 + 3 + 4 * k, col: 12 + 3 + 4 * k } });
    const stageZero = networkDepths(vheatConfig.depths).filter((d) => d.stage === 0);
    expect(stageZero.map((d) => d.blocks)).toEqual([0, 1, 2]);
    const off: ErfMap[] = [];
    for (const d of stageZero) {
      const erf = await effectiveReceptiveFieldAtDepth(vheat, x, d, p, { runOptions: OFF });
      const w = window(d.blocks);
      expect(outsideWindow(erf, w.lo, w.hi)).toBeLessThan(1e-5);
      off.push(erf);
    }
    // ... and nothing reaches beyond the stem's window before a block runs, whatever the diffusivity.
    const stemOn = await effectiveReceptiveFieldAtDepth(vheat, x, { stage: 0, blocks: 0 }, p);
    expect(maxRelativeError(stemOn.contribution, off[0].contribution)).toBe(0);
    const on = await effectiveReceptiveFieldAtDepth(vheat, x, { stage: 0, blocks: 1 }, p);
    const w1 = window(1);
    const spread = outsideWindow(on, w1.lo, w1.hi);
    console.log(`after block 1: outside the conv window ${spread} of the peak at diffusivity 1, ${outsideWindow(off[1], w1.lo, w1.hi)} at 0`);
    expect(spread).toBeGreaterThan(1e-3);
  });

  it('repeated ERFs through depth leave the tensor count flat', async () => {
    const p = { row: 0, col: 0 };
    await effectiveReceptiveFieldAtDepth(vheat, x, { stage: 1, blocks: 1 }, p); // size caches filled once
    const before = tf.memory().numTensors;
    for (const d of networkDepths(vheatConfig.depths)) await effectiveReceptiveFieldAtDepth(vheat, x, d, p, { runOptions: OFF });
    for (const d of networkDepths(hcnetConfig.depths)) await effectiveReceptiveFieldAtDepth(hcnet, x, d, p);
    expect(tf.memory().numTensors).toBe(before);
  });
});
