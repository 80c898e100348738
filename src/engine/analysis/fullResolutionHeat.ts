// Heat diffusion of the user's image itself, at its own resolution (capped): the image's R, G and B planes
// are the initial temperature u(0) of three independent heat equations with insulated borders, solved by the
// heat operator u(t) = IDCT(DCT(u0) * exp(-t * k * (w_n^2 + w_m^2))) with w_n = pi n / H, w_m = pi m / W.
//   - uniform k: the plain heat equation du/dt = k * laplacian(u) (pixel spacing 1);
//   - learned k: a vHeat block's operator carried to the image: each cosine pattern (n, m) decays as it does in
//     the block's own N_b x N_b map (frequency pi n / N_b), patterns finer than the block's grid keep the k of its
//     finest ones (learnedDiffusivityOnGrid); reduced over the block's C channels to one map for the three planes;
//   - HcNet: its explicit step x <- x + alpha (s / n - x) repeated, beside the spectral solution of the same
//     equation in the continuum: one step of P - I has symbol -(3/8)(w_n^2 + w_m^2) at low frequencies
//     (8-neighbour mean minus the centre), so n steps ~ the heat operator with k = 3 alpha / 8 and t = n.

import * as tf from '@tensorflow/tfjs';
import { stageSize } from '../config';
import type { RgbImage } from '../image';
import type { DiffusivityScale, HeatModel } from '../models/types';
import { heatConduction, type HeatImpl } from '../ops/heat/heatConduction';
import { frequencyGrid } from '../ops/heat/rate';
import { valueRange } from './displayMaps';
import { AnalysisInputError } from './errors';
import { explicitStepBound } from './hcnetStability';
import { explicitHeatSteps } from './hcnetSteps';
import { stageScale } from '../models/diffusivityScale';

/** Longest side the full-resolution view diffuses; larger images are box-averaged down to it. */
export const FULL_RES_MAX_SIDE = 1024;

/**
 * Default long-side cap of the full-resolution view by where the engine runs (the user may raise it):
 *  - hardwareGpu: the whole range (WebGPU on a real GPU);
 *  - softwareGpu: WebGPU on a software adapter (SwiftShader): ~83 ms a frame at 256 px, ~1.2 s at 1024 px (a
 *    26-frame stack ~2 s at 256; BENCHMARKS.md, fullres-heat run 2);
 *  - cpuPath: tfjs-wasm with the heat operator's TypeScript kernel on the fast DCT (cpuHeatFast.ts, on every core
 *    through the CPU pool, ops/cpuPool): ~32 ms a frame at 512 px, ~134 ms at 1024 px on 2 cores (BENCHMARKS.md, fullres-heat
 *    run 4, backend=wasm), so 1024 stays a choice.
 */
export const FULL_RES_DEFAULT_SIDE = { hardwareGpu: 1024, softwareGpu: 256, cpuPath: 512 } as const;

/** The default long-side cap for a backend ('webgpu' on a software adapter or not, 'wasm' or 'cpu'). */
export function defaultFullResSide(backend: string, softwareAdapter: boolean): number {
  if (backend === 'webgpu') return softwareAdapter ? FULL_RES_DEFAULT_SIDE.softwareGpu : FULL_RES_DEFAULT_SIDE.hardwareGpu;
  return FULL_RES_DEFAULT_SIDE.cpuPath;
}

/** Continuum factor of HcNet's step: s / n - x ~ (3/8) * laplacian(x) for the 8-neighbour mean (symbol 1 - 3|w|^2/8). */
export const EXPLICIT_STEP_DIFFUSIVITY_PER_ALPHA = 3 / 8;

/** Side of the map on which the explicit step's stability bound is computed (Lanczos in plain JS). */
const STABILITY_PROXY_SIDE = 64;

/** The image as three float planes: [H,W,3] row-major, values in [0, 1]. */
export interface ImagePlanes {
  height: number;
  width: number;
  data: Float32Array;
}

/** The size an image is diffused at: its own, or scaled down (aspect kept) so its long side is maxSide. */
export function cappedSize(width: number, height: number, maxSide = FULL_RES_MAX_SIDE): { width: number; height: number } {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1)) throw new AnalysisInputError(`bad image size ${width}x${height}`);
  if (!(Number.isInteger(maxSide) && maxSide >= 1)) throw new AnalysisInputError(`bad side cap ${maxSide}`);
  const s = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/** The RGB planes of an RGBA image at cappedSize: each output pixel is the mean of the source pixels that fall in it. */
export function imagePlanes(image: RgbImage, maxSide = FULL_RES_MAX_SIDE): ImagePlanes {
  const { width: w0, height: h0, data: src } = image;
  if (src.length !== w0 * h0 * 4) throw new AnalysisInputError(`RGBA buffer has ${src.length} bytes, ${w0}x${h0} needs ${w0 * h0 * 4}`);
  const { width, height } = cappedSize(w0, h0, maxSide);
  const sum = new Float64Array(width * height * 3);
  const count = new Float64Array(width * height);
  for (let y = 0; y < h0; y++) {
    const oy = Math.min(height - 1, Math.floor((y * height) / h0));
    for (let x = 0; x < w0; x++) {
      const o = oy * width + Math.min(width - 1, Math.floor((x * width) / w0));
      const i = 4 * (y * w0 + x);
      sum[3 * o] += src[i];
      sum[3 * o + 1] += src[i + 1];
      sum[3 * o + 2] += src[i + 2];
      count[o]++;
    }
  }
  const data = new Float32Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = sum[i] / (255 * count[Math.floor(i / 3)]);
  return { height, width, data };
}

/** t = 0, then count - 1 times log-spaced from tMin to tMax (both included). */
export function logTimes(count: number, tMin = 0.01, tMax = 100): number[] {
  if (!(Number.isInteger(count) && count >= 2)) throw new AnalysisInputError(`logTimes: count ${count} must be an integer >= 2`);
  if (!(tMin > 0 && tMax >= tMin && Number.isFinite(tMax))) throw new AnalysisInputError(`logTimes: bad range ${tMin}..${tMax}`);
  const n = count - 1;
  const ratio = Math.log(tMax / tMin);
  return [0, ...Array.from({ length: n }, (_, i) => (n === 1 ? tMax : tMin * Math.exp((ratio * i) / (n - 1))))];
}

/** Step counts for HcNet's explicit frames: 0, then distinct integers log-spaced from 1 to maxSteps. */
export function logSteps(count: number, maxSteps: number): number[] {
  if (!(Number.isInteger(maxSteps) && maxSteps >= 1)) throw new AnalysisInputError(`logSteps: maxSteps ${maxSteps}`);
  const steps = new Set(logTimes(count, 1, maxSteps).map((t) => Math.round(t)));
  return [...steps].sort((a, b) => a - b);
}

/**
 * rate [H,W,3] on the image's frequency grid: k (w_n^2 + w_m^2), the same for the three planes; k is one number
 * (uniform) or a map over (n, m), row-major [H*W], each >= 0.
 */
export function rateOnImageGrid(height: number, width: number, k: number | Float32Array): tf.Tensor3D {
  if (typeof k === 'number' && !(Number.isFinite(k) && k >= 0)) throw new AnalysisInputError(`k = ${k} must be finite and >= 0`);
  if (typeof k !== 'number' && k.length !== height * width) throw new AnalysisInputError(`k map has ${k.length} values, ${height}x${width} needs ${height * width}`);
  return tf.tidy(() => {
    const grid = frequencyGrid(height, width);
    const perFrequency = typeof k === 'number' ? tf.mul(grid, k) : tf.mul(grid, tf.tensor2d(k, [height, width]));
    return tf.tile(tf.expandDims(perFrequency, 2), [1, 1, 3]) as tf.Tensor3D;
  });
}

/** Which channels of a block's k (C channels) make the one map the image's three planes share. */
export type LearnedKView = { kind: 'mean' } | { kind: 'channel'; channel: number };

export interface LearnedDiffusivityMap {
  height: number;
  width: number;
  /**
   * The diffusivity on the image's grid, in image pixels (row-major [height * width]): the k that, with
   * rateOnImageGrid's image frequencies (pi n / H, pi m / W), gives index (n, m) the block's own rate
   * s k_b (pi^2 (n^2 + m^2) / N_b^2). For a square image it is s k_b (H / N_b)^2: one cell of the block's map spans
   * H / N_b image pixels, and a diffusivity scales with the square of the length unit.
   */
  data: Float32Array;
  /** N_b: side of the block's own frequency map (stage size at the checkpoint's training resolution). */
  trainedSide: number;
  channels: number;
  /** s = global * perStage[stage], already applied to data and blockRange (1 without opts.diffusivity). */
  scale: number;
  /** [min, max] of s k_b over the block's own N_b x N_b grid, in the block's cells (what the block applies). */
  blockRange: [number, number];
}

/**
 * A vHeat block's operator carried to an H x W image grid, reduced over channels (mean or one channel): index
 * (n, m) is the cosine pattern with n half-periods down and m across the whole picture, in the block as on the
 * image, and it decays as in the block, exp(-s k_b[n, m] (pi^2 (n^2 + m^2) / N_b^2) t), with the block's
 * frequency pi n / N_b (not the image's pi n / H, which would make it (N_b / H)^2 times weaker).
 * Patterns finer than the block's grid (n >= N_b or m >= N_b) never reach it (the stem averages them away): they
 * keep the learned k of the block's finest pattern on that axis (index clamped to N_b - 1) with their own, higher
 * frequency, i.e. the heat equation with that k carried on past the grid: they decay faster than any pattern the
 * block sees, never slower. s = stageScale(stage, opts.diffusivity) as the block runs with (0: no diffusion).
 * k_b = model.diffusivity(stage, block, N_b, N_b) (the trained map itself, also for inference-mode files).
 * Null for HcNet.
 */
export async function learnedDiffusivityOnGrid(
  model: HeatModel,
  stage: number,
  block: number,
  height: number,
  width: number,
  view: LearnedKView,
  opts: { diffusivity?: DiffusivityScale } = {},
): Promise<LearnedDiffusivityMap | null> {
  if (model.config.family !== 'vheat') return null;
  if (!(Number.isInteger(height) && Number.isInteger(width) && height >= 1 && width >= 1)) throw new AnalysisInputError(`bad grid size ${height}x${width}`);
  const scale = stageScale(opts.diffusivity, stage, model.config.depths.length);
  const side = stageSize(model.config.trainResolution, stage);
  const blockK = await reducedDiffusivity(model, stage, block, side, view);
  if (!blockK) return null;
  const data = new Float32Array(height * width);
  for (let n = 0; n < height; n++) {
    const row = Math.min(n, side - 1) * side;
    for (let m = 0; m < width; m++) {
      // (n^2 + m^2) / N_b^2 over n^2 / H^2 + m^2 / W^2; at (0, 0) the rate is 0 whatever k is: (H / N_b)^2 there.
      const imageFreq = (n / height) ** 2 + (m / width) ** 2;
      const unit = imageFreq > 0 ? (n * n + m * m) / (side * side) / imageFreq : (height / side) ** 2;
      data[n * width + m] = scale * blockK.data[row + Math.min(m, side - 1)] * unit;
    }
  }
  const [lo, hi] = valueRange(blockK.data);
  return { height, width, data, trainedSide: side, channels: blockK.channels, scale, blockRange: [scale * lo, scale * hi] };
}

/** k_b of a block on its side x side grid, reduced over channels as `view` says; null for HcNet. */
async function reducedDiffusivity(model: HeatModel, stage: number, block: number, side: number, view: LearnedKView): Promise<{ data: Float32Array; channels: number } | null> {
  const k = model.diffusivity(stage, block, side, side);
  if (!k) return null;
  const channels = k.shape[2];
  if (view.kind === 'channel' && !(Number.isInteger(view.channel) && view.channel >= 0 && view.channel < channels)) {
    k.dispose();
    throw new AnalysisInputError(`channel ${view.channel} is not in 0..${channels - 1}`);
  }
  const reduced = tf.tidy(() => (view.kind === 'mean' ? tf.mean(k, 2) : tf.slice(k, [0, 0, view.channel], [side, side, 1])));
  k.dispose();
  try {
    return { data: (await reduced.data()) as Float32Array, channels };
  } finally {
    reduced.dispose();
  }
}

/** Called with each frame (float [1,H,W,3], disposed after the call); return false to stop early. */
export type FrameVisitor = (frame: tf.Tensor4D, index: number) => Promise<boolean | void>;

function planesTensor(planes: ImagePlanes): tf.Tensor4D {
  if (planes.data.length !== planes.height * planes.width * 3) throw new AnalysisInputError('image planes: data does not match the size');
  return tf.tensor4d(planes.data, [1, planes.height, planes.width, 3]);
}

/** u(t) of the three planes for each t in times (>= 0): one heat operator call per frame. Returns frames visited. */
export async function visitDiffusedFrames(planes: ImagePlanes, rate: tf.Tensor3D, times: readonly number[], visit: FrameVisitor, impl?: HeatImpl): Promise<number> {
  for (const t of times) if (!(Number.isFinite(t) && t >= 0)) throw new AnalysisInputError(`time ${t} is not finite and >= 0`);
  const u0 = planesTensor(planes);
  try {
    for (const [i, t] of times.entries()) {
      const frame = heatConduction(u0, rate, t, impl);
      let go: boolean | void;
      try {
        go = await visit(frame, i);
      } finally {
        frame.dispose();
      }
      if (go === false) return i + 1;
    }
    return times.length;
  } finally {
    u0.dispose();
  }
}

/** HcNet's explicit step with one alpha for the three planes, recorded at each of `steps` (ascending integers >= 0). */
export async function visitExplicitFrames(planes: ImagePlanes, alpha: number, steps: readonly number[], visit: FrameVisitor): Promise<number> {
  if (!(Number.isFinite(alpha) && alpha >= 0)) throw new AnalysisInputError(`alpha ${alpha} must be finite and >= 0`);
  for (let i = 0; i < steps.length; i++) {
    if (!Number.isInteger(steps[i]) || steps[i] < (i === 0 ? 0 : steps[i - 1])) throw new AnalysisInputError(`steps must be ascending integers >= 0, got ${steps.join(',')}`);
  }
  const a = tf.fill([1, 1, 1, 3], alpha) as tf.Tensor4D;
  let u = planesTensor(planes);
  let done = 0;
  try {
    for (const [i, n] of steps.entries()) {
      if (n > done) {
        const pair = explicitHeatSteps(u, a, n - done, { recordEvery: n - done });
        const next = tf.tidy(() => tf.slice(pair, [1, 0, 0, 0], [1, planes.height, planes.width, 3]));
        pair.dispose();
        u.dispose();
        u = next;
        done = n;
      }
      if ((await visit(u, i)) === false) return i + 1;
    }
    return steps.length;
  } finally {
    u.dispose();
    a.dispose();
  }
}

/** RGBA bytes of a float frame [1,H,W,3]: each plane clipped to [0, 1] and scaled to 0..255; alpha 255. */
export async function frameToRgba(frame: tf.Tensor4D): Promise<Uint8ClampedArray> {
  const [, h, w] = frame.shape;
  const bytes = tf.tidy(() => {
    const rgb = tf.round(tf.mul(tf.clipByValue(frame, 0, 1), 255));
    return tf.cast(tf.concat([rgb, tf.fill([1, h, w, 1], 255)], 3), 'int32');
  });
  const values = await bytes.data();
  bytes.dispose();
  return Uint8ClampedArray.from(values);
}

/** Stability bound of HcNet's step for an image-sized map, computed on a map of the same aspect capped at 64 px. */
export function explicitStepBoundForImage(height: number, width: number): { alphaMax: number; proxyHeight: number; proxyWidth: number } {
  const s = Math.min(1, STABILITY_PROXY_SIDE / Math.max(height, width));
  const proxyHeight = Math.max(1, Math.round(height * s));
  const proxyWidth = Math.max(height * width >= 2 && proxyHeight === 1 ? 2 : 1, Math.round(width * s));
  return { alphaMax: explicitStepBound(proxyHeight, proxyWidth).alphaMax, proxyHeight, proxyWidth };
}
