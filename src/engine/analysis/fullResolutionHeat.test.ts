import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VHeatConfig } from '../config';
import { buildModel } from '../models/model';
import { randomWeights } from '../models/randomWeights';
import { squaredFrequencies } from '../ops/heat/dctBasis';
import { heatReference } from '../ops/heat/heatReference';
import { maxRelativeError } from '../ops/testing/relativeError';
import {
  cappedSize, defaultFullResSide, explicitStepBoundForImage, FULL_RES_DEFAULT_SIDE, frameToRgba, imagePlanes, learnedDiffusivityOnGrid, logSteps, logTimes, rateOnImageGrid,
  visitDiffusedFrames, visitExplicitFrames, type ImagePlanes,
} from './fullResolutionHeat';
import { explicitHeatStep } from './hcnetStability';
import { seededRandom, testSeed } from '../ops/testing/testRandom';

// Fixed seeds: every run replays the same image and weights.
const IMAGE_SEED = testSeed('image');
const WEIGHT_SEED = 1201;
// float32 DCT sums of <= 13 terms of O(1) values: ~1e-6 relative; 2e-5 leaves room for the op order.
const OP_TOL = 2e-5;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomPlanes(height: number, width: number): ImagePlanes {
  const rand = seededRandom(IMAGE_SEED);
  return { height, width, data: Float32Array.from({ length: height * width * 3 }, () => rand()) };
}

/** Float64 rate [H,W,3] of a k map over (n, m) (or one k), for heatReference. */
function referenceRate(height: number, width: number, k: number | ArrayLike<number>): Float64Array {
  const fh = squaredFrequencies(height);
  const fw = squaredFrequencies(width);
  const out = new Float64Array(height * width * 3);
  for (let n = 0; n < height; n++) {
    for (let m = 0; m < width; m++) {
      const kk = typeof k === 'number' ? k : k[n * width + m];
      for (let c = 0; c < 3; c++) out[(n * width + m) * 3 + c] = kk * (fh[n] + fw[m]);
    }
  }
  return out;
}

/** Every frame's float values, in order. */
async function diffusedFrames(planes: ImagePlanes, k: number | Float32Array, times: number[]): Promise<Float32Array[]> {
  const rate = rateOnImageGrid(planes.height, planes.width, k);
  const frames: Float32Array[] = [];
  await visitDiffusedFrames(planes, rate, times, async (f) => {
    frames.push((await f.data()) as Float32Array);
  });
  rate.dispose();
  return frames;
}

describe('full-resolution heat on a small non-square RGB image', () => {
  it('uniform k: every frame equals the float64 reference of the heat operator', async () => {
    const planes = randomPlanes(5, 7);
    const times = [0, 0.05, 0.7, 6];
    const before = tf.memory().numTensors;
    const frames = await diffusedFrames(planes, 1.7, times);
    expect(tf.memory().numTensors).toBe(before);
    const rate = referenceRate(5, 7, 1.7);
    for (const [i, t] of times.entries()) {
      expect(maxRelativeError(frames[i], heatReference(planes.data, [1, 5, 7, 3], rate, t))).toBeLessThan(OP_TOL);
    }
    expect(maxRelativeError(frames[0], planes.data)).toBeLessThan(1e-6);
  });

  it("learned k decays each cosine pattern as the block does (frequency pi n / N_b), finer ones with the block's finest k, scaled by s", async () => {
    const config: VHeatConfig = { family: 'vheat', dims: [8, 16, 16, 16], depths: [1, 1, 2, 1], postNorm: false, layerScale: false, mlpRatio: 4, numClasses: 10, trainResolution: 32, inferenceMode: false };
    const weights = randomWeights(config, WEIGHT_SEED);
    const model = buildModel(config, weights);
    const embed = weights.get('freq_embed.0')!; // (8, 8, 8): the block's own grid, N_b = 32 / 4
    const toK = weights.get('layers.0.0.op.to_k.0.weight')!; // (out, in)
    const bias = weights.get('layers.0.0.op.to_k.0.bias')!;
    const [nb, , c] = embed.shape;
    // The block's k in float64, channel mean: ReLU(to_k(freq_embed)) on its own N_b x N_b grid.
    const blockK = new Float64Array(nb * nb);
    for (let i = 0; i < nb * nb; i++) {
      for (let o = 0; o < c; o++) {
        let acc = bias.data[o];
        for (let j = 0; j < c; j++) acc += toK.data[o * c + j] * embed.data[i * c + j];
        blockK[i] += Math.max(0, acc) / c;
      }
    }
    const diffusivity = { global: 0.5, perStage: [3] }; // s = 1.5 at stage 0
    for (const [h, w] of [[11, 13], [5, 12], [8, 3], [16, 16]] as const) {
      // The block's rate of pattern (n, m), the index clamped into its grid for k only.
      const rate = new Float64Array(h * w * 3);
      for (let n = 0; n < h; n++) {
        for (let m = 0; m < w; m++) {
          const k = 1.5 * blockK[Math.min(n, nb - 1) * nb + Math.min(m, nb - 1)];
          rate.fill(k * Math.PI ** 2 * (n * n + m * m) / (nb * nb), (n * w + m) * 3, (n * w + m + 1) * 3);
        }
      }
      const before = tf.memory().numTensors;
      const got = (await learnedDiffusivityOnGrid(model, 0, 0, h, w, { kind: 'mean' }, { diffusivity }))!;
      expect(tf.memory().numTensors).toBe(before);
      expect([got.trainedSide, got.scale]).toEqual([8, 1.5]);
      const planes = randomPlanes(h, w);
      const frames = await diffusedFrames(planes, got.data, [0.4, 3]);
      expect(maxRelativeError(frames[0], heatReference(planes.data, [1, h, w, 3], rate, 0.4))).toBeLessThan(OP_TOL);
      expect(maxRelativeError(frames[1], heatReference(planes.data, [1, h, w, 3], rate, 3))).toBeLessThan(OP_TOL);
      // Square: the block's k in image pixels is s k_b (H / N_b)^2, here 4 s k_b.
      if (h === 16) expect(maxRelativeError([got.data[3 * 16 + 5]], [1.5 * 4 * blockK[3 * nb + 5]])).toBeLessThan(1e-6);
    }
    // Diffusivity 0 stops it, as it stops the block.
    const off = (await learnedDiffusivityOnGrid(model, 0, 0, 6, 6, { kind: 'mean' }, { diffusivity: { global: 0, perStage: [] } }))!;
    expect(Math.max(...off.data)).toBe(0);
    const one = (await learnedDiffusivityOnGrid(model, 0, 0, 8, 8, { kind: 'channel', channel: 3 }))!;
    const all = model.diffusivity(0, 0, 8, 8)!;
    const direct = (await all.data()).filter((_, i) => i % c === 3);
    all.dispose();
    // Same grid as the block: k in image pixels is the block's own k.
    expect(maxRelativeError(one.data, direct)).toBeLessThan(1e-6);
    expect(one.blockRange[1]).toBeCloseTo(Math.max(...direct), 6);
    await expect(learnedDiffusivityOnGrid(model, 0, 0, 4, 6, { kind: 'channel', channel: 8 })).rejects.toThrow(/not in 0..7/);
    model.dispose();
  });

  it('HcNet explicit frames equal the float64 step repeated; the bound is that of a 64-px map', async () => {
    const planes = randomPlanes(6, 4);
    const steps = [0, 1, 3, 7];
    const alpha = 0.6;
    const got: Float32Array[] = [];
    const before = tf.memory().numTensors;
    await visitExplicitFrames(planes, alpha, steps, async (f) => {
      got.push((await f.data()) as Float32Array);
    });
    expect(tf.memory().numTensors).toBe(before);
    for (let ch = 0; ch < 3; ch++) {
      let u: Float64Array = Float64Array.from({ length: 24 }, (_, i) => planes.data[i * 3 + ch]);
      let done = 0;
      for (const [i, n] of steps.entries()) {
        for (; done < n; done++) u = explicitHeatStep(u, 6, 4, alpha);
        const plane = Float64Array.from({ length: 24 }, (_, p) => got[i][p * 3 + ch]);
        expect(maxRelativeError(plane, u)).toBeLessThan(1e-5);
      }
    }
    const bound = explicitStepBoundForImage(768, 1024);
    expect([bound.proxyHeight, bound.proxyWidth]).toEqual([48, 64]);
    expect(bound.alphaMax).toBeGreaterThan(1.25);
    expect(bound.alphaMax).toBeLessThan(4 / 3);
  });
});

describe('the CPU path at image size (the fast DCT)', () => {
  it('a 128x522 image (522 = 2 x 9 x 29: Bluestein along W) goes through the one heat kernel and matches the float64 reference', async () => {
    const planes = randomPlanes(128, 522);
    const rate = rateOnImageGrid(128, 522, 3);
    const prof = await tf.profile(async () => {
      await visitDiffusedFrames(planes, rate, [0.5], async (f) => {
        // the view's own output, float32, vs heatReference in float64 (the kernel sums in float64 too: 1e-6 as in
        // heatCpuKernel.test.ts; the matMul path's float32 sums would land near 1e-5)
        const ref = heatReference(planes.data, [1, 128, 522, 3], referenceRate(128, 522, 3), 0.5);
        expect(maxRelativeError((await f.data()) as Float32Array, ref)).toBeLessThan(1e-6);
      });
    });
    rate.dispose();
    expect(prof.kernels.map((k) => k.name)).toContain('HeatConduction');
    expect(prof.kernels.some((k) => k.name === 'BatchMatMul' || k.name === '_FusedMatMul')).toBe(false);
  });

  it('has a default long side per engine path', () => {
    expect(defaultFullResSide('webgpu', false)).toBe(FULL_RES_DEFAULT_SIDE.hardwareGpu);
    expect(defaultFullResSide('webgpu', true)).toBe(FULL_RES_DEFAULT_SIDE.softwareGpu);
    expect(defaultFullResSide('wasm', false)).toBe(FULL_RES_DEFAULT_SIDE.cpuPath);
    expect(defaultFullResSide('cpu', false)).toBe(FULL_RES_DEFAULT_SIDE.cpuPath);
  });
});

describe('sizes, times and bytes', () => {
  it('caps the long side, keeps the aspect and box-averages', () => {
    expect(cappedSize(2048, 1000)).toEqual({ width: 1024, height: 500 });
    expect(cappedSize(300, 700)).toEqual({ width: 300, height: 700 });
    const img = { width: 4, height: 2, data: Uint8ClampedArray.from([0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 51, 51, 51, 255, 51, 51, 51, 255, 0, 0, 0, 255, 0, 0, 0, 255]) };
    const p = imagePlanes(img, 2);
    expect([p.width, p.height]).toEqual([2, 1]);
    const expected = [(255 + 102) / 4 / 255, 102 / 4 / 255, 102 / 4 / 255, 0, 255 / 4 / 255, 255 / 4 / 255];
    for (let i = 0; i < 6; i++) expect(p.data[i]).toBeCloseTo(expected[i], 6);
  });

  it('log-spaced times and steps start at 0 and reach the end', () => {
    const t = logTimes(26);
    expect(t[0]).toBe(0);
    expect(t[1]).toBeCloseTo(0.01, 12);
    expect(t[25]).toBeCloseTo(100, 9);
    expect(t[7] / t[1]).toBeCloseTo(10, 9); // 6 frames per decade
    const s = logSteps(25, 1000);
    expect(s[0]).toBe(0);
    expect(s[1]).toBe(1);
    expect(s[s.length - 1]).toBe(1000);
    expect(new Set(s).size).toBe(s.length);
  });

  it('a frame becomes clipped RGBA bytes', async () => {
    const f = tf.tensor4d([-0.2, 0.5, 1.3, 0.25, 0, 1], [1, 1, 2, 3]);
    expect(Array.from(await frameToRgba(f))).toEqual([0, 128, 255, 255, 64, 0, 255, 255]);
    f.dispose();
  });
});
