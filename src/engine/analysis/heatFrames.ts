// Heat diffusion of one vHeat block's phi over time: u(t) = IDCT(DCT(phi) * exp(-t * s * rate)).
// t = 1 is what the block computes; t > 1 carries on diffusing (t -> infinity: every pixel holds its
// channel's mean, since the n = m = 0 rate is 0). DCT(phi) does not depend on t: it is taken once, and each
// batch of times is one decay product and one inverse transform over the frames stacked along the batch axis
// (half the transforms of running the whole operator per time).

import * as tf from '@tensorflow/tfjs';
import type { BlockCapture } from '../models/model';
import type { HeatImpl } from '../ops/heat/heatConduction';
import { dctHW } from '../ops/heat/heatPortable';
import { dctMatrixF32 } from '../ops/heat/dctBasis';
import { conductingChannels } from './channelConduction';
import { AnalysisInputError } from './errors';
import { principalBasisOfMap, reduceFrames, type FrameMaps } from './frameReductions';
import type { PrincipalBasis } from './principalComponents';

/** Element budget of one stacked operator call (T_chunk * H * W * C): ~16 MB of float32 per tensor. */
const DEFAULT_MAX_ELEMENTS_PER_CALL = 4 * 1024 * 1024;

export interface DiffusionOptions {
  /** The operator implementation of the analyses that run the operator itself (point response); frames transform with tfjs ops. */
  impl?: HeatImpl;
  /** Which batch item of phi to diffuse (default 0). */
  index?: number;
  maxElementsPerCall?: number;
}

/** n times from 0 to tMax, denser early (t_i = tMax (i / (n-1))^2), so t = 1 and the fast early change are both seen. */
export function diffusionTimes(n: number, tMax = 4): number[] {
  if (!Number.isInteger(n) || n < 1) throw new AnalysisInputError(`diffusionTimes: n = ${n}`);
  if (!(Number.isFinite(tMax) && tMax >= 0)) throw new AnalysisInputError(`diffusionTimes: tMax = ${tMax}`);
  if (n === 1) return [0];
  return Array.from({ length: n }, (_, i) => tMax * (i / (n - 1)) ** 2);
}

/**
 * u(t_k) for every t_k in `times` (each finite, >= 0): [T,H,W,C] for phi[index] ([B,H,W,C]), rate [H,W,C],
 * block scale s. Caller disposes the result.
 */
export function diffuseAtTimes(phi: tf.Tensor4D, rate: tf.Tensor3D, scale: number, times: readonly number[], opts: DiffusionOptions = {}): tf.Tensor4D {
  const [b, h, w, c] = phi.shape;
  const index = opts.index ?? 0;
  if (!Number.isInteger(index) || index < 0 || index >= b) throw new AnalysisInputError(`phi index ${index} not in 0..${b - 1}`);
  if (times.length === 0) throw new AnalysisInputError('diffuseAtTimes: no times');
  for (const t of times) if (!(Number.isFinite(t) && t >= 0)) throw new AnalysisInputError(`diffuseAtTimes: time ${t} is not finite and >= 0`);
  const perFrame = h * w * c;
  const chunk = Math.max(1, Math.floor((opts.maxElementsPerCall ?? DEFAULT_MAX_ELEMENTS_PER_CALL) / perFrame));
  return tf.tidy(() => {
    // Layout [H, n, C, W]: both inverse transforms are single 2-D matMuls with no transpose between them
    // (along W: rows [H*n*C, W] @ D_W; along H: D_H^T @ [H, n*C*W]); one transpose to [n, H, W, C] at the end.
    const coeffs = tf.expandDims(tf.transpose(tf.reshape(dctHW(tf.slice(phi, [index, 0, 0, 0], [1, h, w, c])), [h, w, c]), [0, 2, 1]), 1); // [H,1,C,W]
    const rateHCW = tf.expandDims(tf.transpose(rate, [0, 2, 1]), 1); // [H,1,C,W]
    const dw = tf.tensor2d(dctMatrixF32(w), [w, w]);
    const dhT = tf.transpose(tf.tensor2d(dctMatrixF32(h), [h, h]));
    const parts: tf.Tensor4D[] = [];
    for (let start = 0; start < times.length; start += chunk) {
      const ts = times.slice(start, start + chunk);
      const n = ts.length;
      const decay = tf.exp(tf.mul(rateHCW, tf.reshape(tf.tensor1d(ts.map((t) => -scale * t)), [1, n, 1, 1]))); // [H,n,C,W]
      const alongW = tf.matMul(tf.reshape(tf.mul(coeffs, decay), [h * n * c, w]), dw);
      const alongH = tf.matMul(dhT, tf.reshape(alongW, [h, n * c * w]));
      parts.push(tf.transpose(tf.reshape(alongH, [h, n, c, w]), [1, 0, 3, 2]) as tf.Tensor4D);
    }
    return parts.length === 1 ? parts[0] : (tf.concat(parts, 0) as tf.Tensor4D);
  });
}

/** energy: sqrt(mean_c u^2) over every channel; channel: one channel's u; pca: 3 components of a basis fitted at t = 0. */
export type HeatFrameView = { kind: 'energy' } | { kind: 'channel'; channel: number } | { kind: 'pca'; basis?: PrincipalBasis };

/**
 * Views of the conduction itself (vHeat only). conducting-energy: sqrt(mean_c u^2) over the channels that conduct
 * (rate > 0 somewhere: conductingChannels), so the k = 0 channels, which never change, do not hide those that do;
 * change: sqrt(mean_c (u(t) - u(0))^2) with u(0) = phi, what the operator has moved by time t (0 at t = 0).
 */
export type ConductionFrameView = { kind: 'conducting-energy' } | { kind: 'change' };

export interface HeatFrames extends FrameMaps {
  times: number[];
  /** The block's s (global * perStage[stage] of the run that captured it). */
  scale: number;
  /** pca: the basis used (fitted on phi = u(0) unless one was given); reuse it for stable colours. */
  basis?: PrincipalBasis;
  /** conducting-energy: the channels it is taken over (ascending; empty: nothing conducts, every value 0). */
  channels?: number[];
}

/** RMS over channels of frames [T,H,W,C] minus phi[index]. */
async function reduceChange(frames: tf.Tensor4D, phi: tf.Tensor4D, index: number): Promise<FrameMaps> {
  const [, h, w, c] = phi.shape;
  const change = tf.tidy(() => tf.sub(frames, tf.slice(phi, [index, 0, 0, 0], [1, h, w, c])) as tf.Tensor4D);
  try {
    return await reduceFrames(change, { kind: 'energy' });
  } finally {
    change.dispose();
  }
}

/** sqrt(mean_c u^2) over the conducting channels only: those alone are diffused (the others would be dropped anyway). */
async function conductingEnergyFrames(capture: BlockCapture, times: readonly number[], opts: DiffusionOptions): Promise<HeatFrames> {
  const { phi, rate, scale } = capture as Required<Pick<BlockCapture, 'phi' | 'rate' | 'scale'>>;
  const channels = await conductingChannels(rate);
  const index = opts.index ?? 0;
  const [, h, w] = phi.shape;
  // Nothing conducts: the reduction of no channel is 0 everywhere (one zero channel keeps the shapes).
  const frames = tf.tidy(() => {
    if (channels.length === 0) return tf.zeros([times.length, h, w, 1]) as tf.Tensor4D;
    const ids = tf.tensor1d(channels, 'int32');
    return diffuseAtTimes(tf.gather(phi, ids, 3) as tf.Tensor4D, tf.gather(rate, ids, 2) as tf.Tensor3D, scale, times, { ...opts, index });
  });
  try {
    return { ...(await reduceFrames(frames, { kind: 'energy' })), times: [...times], scale, channels };
  } finally {
    frames.dispose();
  }
}

/**
 * Display maps of a block's heat diffusion from its capture (needs phi, rate, scale: a vHeat capture).
 * energy = sqrt(mean_c u^2); pca = 3 components of a basis fitted at t = 0 (phi), every frame projected on it.
 */
export async function heatFramesFromCapture(capture: BlockCapture, times: readonly number[], view: HeatFrameView | ConductionFrameView, opts: DiffusionOptions = {}): Promise<HeatFrames> {
  const { phi, rate, scale } = capture;
  if (!phi || !rate || scale === undefined) throw new AnalysisInputError(`block ${capture.stage}.${capture.block} has no heat operator capture (not vHeat?)`);
  if (view.kind === 'conducting-energy') return conductingEnergyFrames(capture, times, opts);
  const frames = diffuseAtTimes(phi, rate, scale, times, opts);
  try {
    if (view.kind === 'pca') {
      const basis = view.basis ?? (await principalBasisOfMap(phi, 3, opts.index ?? 0));
      return { ...(await reduceFrames(frames, { kind: 'pca', basis })), times: [...times], scale, basis };
    }
    if (view.kind === 'change') return { ...(await reduceChange(frames, phi, opts.index ?? 0)), times: [...times], scale };
    return { ...(await reduceFrames(frames, view)), times: [...times], scale };
  } finally {
    frames.dispose();
  }
}
