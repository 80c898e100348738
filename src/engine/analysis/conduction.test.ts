// The conduction analyses (channelConduction, operatorSteps, frequencyDecay, the conducting heat-frame views,
// visibleChangeFraction) on tiny random models on tfjs's 'cpu' backend, each against a float64 computation.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, type BlockCapture, type HeatModel } from '../models/model';
import { randomWeights } from '../models/randomWeights';
import { dctMatrix, squaredFrequencies } from '../ops/heat/dctBasis';
import { heatReference } from '../ops/heat/heatReference';
import { maxRelativeError } from '../ops/testing/relativeError';
import { gaussian, seededRandom, testSeed } from '../ops/testing/testRandom';
import { captureBlock, disposeCapture } from './blockCapture';
import { channelConduction } from './channelConduction';
import type { FrameMaps } from './frameReductions';
import { heatFramesFromCapture } from './heatFrames';
import { frequencyDecay, LOG_MAGNITUDE_DECADES, operatorSteps } from './operatorSteps';
import { tinyHcNetConfig, tinyVHeatConfig } from './testing/tinyModels';
import { visibleChangeFraction } from './visibleChange';

const seed = testSeed('conduction');
const normal = gaussian(seededRandom(seed));
// float32 tfjs ops (DCT matMuls of <= 8 terms, exp) vs float64: ~1e-6 of max |ref|; 2e-5 leaves room for op order.
const OP_TOL = 2e-5;
// Channels of block 0.0 whose to_k row is zeroed and bias set to -1: k = ReLU(-1) = 0 at every frequency.
const SILENT = [1, 5];

let vheat: HeatModel;
let capture: BlockCapture;
let kData: Float64Array; // float64 k of block 0.0 on its 8 x 8 grid, [8, 8, 8]

beforeAll(async () => {
  await tf.setBackend('cpu');
  const config = tinyVHeatConfig([1, 1, 1, 1]);
  const weights = randomWeights(config, 4242);
  const toK = weights.get('layers.0.0.op.to_k.0.weight')!;
  const bias = weights.get('layers.0.0.op.to_k.0.bias')!;
  const embed = weights.get('freq_embed.0')!;
  const c = bias.data.length;
  for (const j of SILENT) {
    bias.data[j] = -1;
    toK.data.fill(0, j * c, (j + 1) * c);
  }
  kData = new Float64Array(64 * c);
  for (let i = 0; i < 64; i++) {
    for (let o = 0; o < c; o++) {
      let acc = bias.data[o];
      for (let j = 0; j < c; j++) acc += toK.data[o * c + j] * embed.data[i * c + j];
      kData[i * c + o] = Math.max(0, acc);
    }
  }
  vheat = buildModel(config, weights);
  const x = tf.tensor4d(Float32Array.from({ length: 32 * 32 * 3 }, () => normal()), [1, 32, 32, 3]);
  capture = captureBlock(vheat, x, 0, 0, { diffusivity: { global: 1.5, perStage: [] } });
  x.dispose();
});

afterAll(() => {
  disposeCapture(capture);
  vheat.dispose();
});

/** Float64 DCT_HW of one channel of an NHWC [1,H,W,C] array. */
function dct2(u: ArrayLike<number>, h: number, w: number, c: number, ch: number): Float64Array {
  const dh = dctMatrix(h);
  const dw = dctMatrix(w);
  const out = new Float64Array(h * w);
  for (let n = 0; n < h; n++) for (let m = 0; m < w; m++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[n * w + m] += dh[n * h + y] * dw[m * w + x] * u[(y * w + x) * c + ch];
  return out;
}

describe('channelConduction', () => {
  it('vHeat: per-channel mean and max of k, the k = 0 channels and the sorted order equal the float64 values', async () => {
    const got = await channelConduction(vheat, 0, 0, { height: 8, width: 8 });
    const c = 8;
    const mean = Array.from({ length: c }, (_, j) => kData.filter((_, i) => i % c === j).reduce((a, v) => a + v, 0) / 64);
    const max = Array.from({ length: c }, (_, j) => Math.max(...kData.filter((_, i) => i % c === j)));
    expect(got.quantity).toBe('k');
    expect(maxRelativeError(got.mean, mean)).toBeLessThan(1e-5);
    expect(maxRelativeError(got.max, max)).toBeLessThan(1e-5);
    const expectedSilent = max.flatMap((v, j) => (v === 0 ? [j] : []));
    expect(expectedSilent).toEqual(expect.arrayContaining(SILENT));
    expect(got.nonConducting).toEqual(expectedSilent);
    expect(got.conductingFraction).toBeCloseTo(1 - expectedSilent.length / c, 12);
    for (let i = 1; i < c; i++) expect(got.mean[got.order[i - 1]]).toBeGreaterThanOrEqual(got.mean[got.order[i]]);
    expect(got.order.slice(-expectedSilent.length).sort()).toEqual(expectedSilent);
  });

  it('HcNet: alpha of the capture per channel; without a capture it refuses', async () => {
    const config = tinyHcNetConfig([1, 1, 1, 1]);
    const hcnet = buildModel(config, randomWeights(config, 99));
    const x = tf.tensor4d(Float32Array.from({ length: 32 * 32 * 3 }, () => normal()), [1, 32, 32, 3]);
    const cap = captureBlock(hcnet, x, 1, 0);
    const alpha = (await cap.alpha!.data()) as Float32Array;
    const got = await channelConduction(hcnet, 1, 0, { height: 4, width: 4 }, { capture: cap });
    expect(got.quantity).toBe('alpha');
    expect(Array.from(got.mean)).toEqual(Array.from(alpha));
    expect(got.nonConducting).toEqual([]);
    expect(got.conductingFraction).toBe(1);
    await expect(channelConduction(hcnet, 1, 0, { height: 4, width: 4 })).rejects.toThrow(/pass its capture/);
    disposeCapture(cap);
    x.dispose();
    hcnet.dispose();
  });
});

describe('operatorSteps and frequencyDecay', () => {
  it('one channel: u0, log |DCT|, the mask, the product and u(t) equal the float64 operator', async () => {
    const [, h, w, c] = capture.phi!.shape;
    const phi = await capture.phi!.data();
    const rate = await capture.rate!.data();
    const s = capture.scale!;
    expect(s).toBe(1.5);
    const ch = 3;
    const t = 0.7;
    const before = tf.memory().numTensors;
    const got = await operatorSteps(capture, ch, t);
    expect(tf.memory().numTensors).toBe(before);
    const u0 = Float64Array.from({ length: h * w }, (_, p) => phi[p * c + ch]);
    const coeffs = dct2(phi, h, w, c, ch);
    const mask = Float64Array.from({ length: h * w }, (_, i) => Math.exp(-s * t * rate[i * c + ch]));
    const floor = Math.log10(Math.max(...coeffs.map(Math.abs))) - LOG_MAGNITUDE_DECADES;
    const log = (v: number) => Math.max(floor, Math.log10(Math.abs(v)));
    const out = heatReference(phi, [1, h, w, c], rate, s * t).filter((_, i) => i % c === ch);
    expect(maxRelativeError(got.input.data, u0)).toBeLessThan(1e-7);
    expect(maxRelativeError(got.coefficients.data, coeffs.map(log))).toBeLessThan(OP_TOL);
    expect(maxRelativeError(got.mask.data, mask)).toBeLessThan(1e-6);
    expect(maxRelativeError(got.product.data, coeffs.map((v, i) => log(v * mask[i])))).toBeLessThan(OP_TOL);
    expect(maxRelativeError(got.output.data, out)).toBeLessThan(OP_TOL);
    expect(got.mask.data[0]).toBe(1); // DC is never damped
    expect(got.channels).toEqual([ch]);
  });

  it('conducting-energy: RMS over the conducting channels (the k = 0 ones left out), the mask their mean', async () => {
    const [, h, w, c] = capture.phi!.shape;
    const phi = await capture.phi!.data();
    const rate = await capture.rate!.data();
    const s = capture.scale!;
    const got = await operatorSteps(capture, 'conducting-energy', 2);
    const conducting = [0, 2, 3, 4, 6, 7].filter((j) => !SILENT.includes(j));
    expect(got.channels).toEqual(conducting);
    const out = heatReference(phi, [1, h, w, c], rate, s * 2);
    const rms = (x: ArrayLike<number>) => Float64Array.from({ length: h * w }, (_, p) => Math.sqrt(conducting.reduce((a, j) => a + x[p * c + j] ** 2, 0) / conducting.length));
    expect(maxRelativeError(got.input.data, rms(phi))).toBeLessThan(1e-6);
    expect(maxRelativeError(got.output.data, rms(out))).toBeLessThan(OP_TOL);
    const mask = Float64Array.from({ length: h * w }, (_, i) => conducting.reduce((a, j) => a + Math.exp(-s * 2 * rate[i * c + j]), 0) / conducting.length);
    expect(maxRelativeError(got.mask.data, mask)).toBeLessThan(1e-6);
  });

  it('frequencyDecay: the orthonormal cosine pattern and exp(-s k w^2 t) per time', async () => {
    const rate = await capture.rate!.data();
    const got = await frequencyDecay(capture, 4, 2, 5, [0, 1, 10]);
    const dh = dctMatrix(8);
    expect(maxRelativeError(got.pattern, Float64Array.from({ length: 64 }, (_, i) => dh[2 * 8 + Math.floor(i / 8)] * dh[5 * 8 + (i % 8)]))).toBeLessThan(1e-7);
    const f = squaredFrequencies(8);
    expect(rate[(2 * 8 + 5) * 8 + 4] / (f[2] + f[5])).toBeCloseTo(kData[(2 * 8 + 5) * 8 + 4], 5);
    const r = 1.5 * rate[(2 * 8 + 5) * 8 + 4];
    expect(got.decay.map((d, i) => d - Math.exp(-r * [0, 1, 10][i])).every((e) => Math.abs(e) < 1e-12)).toBe(true);
    await expect(frequencyDecay(capture, 4, 8, 0, [1])).rejects.toThrow(/not on the 8x8 grid/);
  });
});

describe('conducting heat frames and the visible change', () => {
  it('conducting-energy leaves the k = 0 channels out; change is |u(t) - u(0)| (0 at t = 0)', async () => {
    const [, h, w, c] = capture.phi!.shape;
    const phi = await capture.phi!.data();
    const rate = await capture.rate!.data();
    const s = capture.scale!;
    const times = [0, 1, 20];
    const conducting = await heatFramesFromCapture(capture, times, { kind: 'conducting-energy' });
    const change = await heatFramesFromCapture(capture, times, { kind: 'change' });
    expect(conducting.channels).toEqual([0, 2, 3, 4, 6, 7]);
    for (const [f, t] of times.entries()) {
      const u = heatReference(phi, [1, h, w, c], rate, s * t);
      const energy = Float64Array.from({ length: h * w }, (_, p) => Math.sqrt(conducting.channels!.reduce((a, j) => a + u[p * c + j] ** 2, 0) / 6));
      const moved = Float64Array.from({ length: h * w }, (_, p) => Math.sqrt(Array.from({ length: c }, (_, j) => (u[p * c + j] - phi[p * c + j]) ** 2).reduce((a, v) => a + v, 0) / c));
      expect(maxRelativeError(conducting.data.subarray(f * h * w, (f + 1) * h * w), energy)).toBeLessThan(OP_TOL);
      if (t > 0) expect(maxRelativeError(change.data.subarray(f * h * w, (f + 1) * h * w), moved)).toBeLessThan(1e-4);
    }
    expect(change.frameRanges[0][1]).toBeLessThan(1e-5);
  });

  it('visibleChangeFraction counts pixels whose displayed value moves by more than 2 % of the range', () => {
    // 2 frames of 4 pixels, one component; shared range [0, 10]: moves of 0.1, 0.3, 5, 0 -> 2 of 4 exceed 0.2.
    const maps: FrameMaps = {
      count: 2, height: 2, width: 2, components: 1,
      data: Float32Array.of(0, 1, 2, 3, 0.1, 1.3, 7, 3),
      frameRanges: [[0, 3], [0.1, 7]],
      componentRanges: [[0, 10]],
    };
    expect(visibleChangeFraction(maps)).toBe(0.5);
    expect(visibleChangeFraction(maps, { threshold: 0.005 })).toBe(0.75);
    // per-frame: frame 0 on [0, 3], frame 1 on [0.1, 7]: displayed 0 -> 0, 1/3 -> 0.174, 2/3 -> 0.986, 1 -> 0.42.
    expect(visibleChangeFraction(maps, { scaling: 'per-frame' })).toBe(0.75);
    expect(() => visibleChangeFraction(maps, { to: 2 })).toThrow(/not in 0..1/);
  });
});
