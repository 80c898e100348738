// HcNet's explicit heat step (one per block in the network) repeated n times on a block's input, with the
// block's alpha held fixed: x_{k+1} = x_k + a * (s(x_k) / n - x_k), s = sum of the in-map 8-neighbours,
// n their count, a = alpha * alphaScale per channel. Frames for a side-by-side with vHeat's closed form,
// and the stability verdict of hcnetStability.ts (alpha beyond alphaMax makes the iteration blow up).

import * as tf from '@tensorflow/tfjs';
import type { BlockCapture } from '../models/model';
import { AnalysisInputError } from './errors';
import { principalBasisOfMap, reduceFrames, type FrameMaps } from './frameReductions';
import { explicitStepStability, neighbourCounts, type StabilityReport } from './hcnetStability';
import type { PrincipalBasis } from './principalComponents';

/** Most steps one call may run (each is a handful of GPU ops; frames are only kept every `recordEvery`). */
export const MAX_EXPLICIT_STEPS = 10_000;

export interface ExplicitStepOptions {
  /** Batch item of x / alpha (default 0). */
  index?: number;
  /** Extra multiplier on alpha (default 1): > 1 probes the stability limit. */
  alphaScale?: number;
  /** Keep x_k for k = 0, r, 2r, ... and the last step (default 1: every step). */
  recordEvery?: number;
}

/** Step numbers kept for `steps` steps recorded every r. */
export function recordedSteps(steps: number, recordEvery = 1): number[] {
  const out: number[] = [];
  for (let k = 0; k <= steps; k += recordEvery) out.push(k);
  if (out[out.length - 1] !== steps) out.push(steps);
  return out;
}

/**
 * x [B,H,W,C], alpha [B,1,1,C] (or [1,1,1,C]): frames [K,H,W,C] of x[index] at recordedSteps(steps, r).
 * Caller disposes.
 */
export function explicitHeatSteps(x: tf.Tensor4D, alpha: tf.Tensor4D, steps: number, opts: ExplicitStepOptions = {}): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const index = opts.index ?? 0;
  const alphaScale = opts.alphaScale ?? 1;
  const every = opts.recordEvery ?? 1;
  if (!Number.isInteger(steps) || steps < 0 || steps > MAX_EXPLICIT_STEPS) throw new AnalysisInputError(`steps ${steps} not in 0..${MAX_EXPLICIT_STEPS}`);
  if (!Number.isInteger(every) || every < 1) throw new AnalysisInputError(`recordEvery ${every} must be a positive integer`);
  if (!Number.isInteger(index) || index < 0 || index >= b) throw new AnalysisInputError(`index ${index} not in 0..${b - 1}`);
  if (!(Number.isFinite(alphaScale) && alphaScale >= 0)) throw new AnalysisInputError(`alphaScale ${alphaScale} must be finite and >= 0`);
  if (alpha.rank !== 4 || alpha.shape[1] !== 1 || alpha.shape[2] !== 1 || alpha.shape[3] !== c) {
    throw new AnalysisInputError(`alpha must be [B,1,1,${c}], got [${alpha.shape}]`);
  }
  const alphaIndex = alpha.shape[0] === 1 ? 0 : index;
  if (alphaIndex >= alpha.shape[0]) throw new AnalysisInputError(`alpha has no batch item ${index}`);
  const keep = new Set(recordedSteps(steps, every));
  return tf.tidy(() => {
    let u = tf.slice(x, [index, 0, 0, 0], [1, h, w, c]);
    const frames: tf.Tensor4D[] = [u];
    if (h * w === 1) {
      // A 1x1 map has no neighbours: the official laplacian is 0 there, every step is the identity.
      for (let k = 1; k <= steps; k++) if (keep.has(k)) frames.push(u);
      return tf.concat(frames, 0) as tf.Tensor4D;
    }
    const a = tf.mul(tf.slice(alpha, [alphaIndex, 0, 0, 0], [1, 1, 1, c]), alphaScale);
    const counts = tf.tensor4d(Float32Array.from(neighbourCounts(h, w)), [1, h, w, 1]);
    const neighbours = tf.tensor4d(Float32Array.from({ length: 9 * c }, (_, i) => (Math.floor(i / c) === 4 ? 0 : 1)), [3, 3, c, 1]);
    for (let k = 1; k <= steps; k++) {
      const next = tf.tidy(() => {
        const padded = tf.pad(u, [[0, 0], [1, 1], [1, 1], [0, 0]]);
        const s = tf.depthwiseConv2d(padded, neighbours, 1, 'valid');
        return tf.add(u, tf.mul(a, tf.sub(tf.div(s, counts), u))) as tf.Tensor4D;
      });
      if (!keep.has(k - 1)) u.dispose(); // unrecorded intermediate: free it now, not at the end of the tidy
      u = next;
      if (keep.has(k)) frames.push(u);
    }
    return tf.concat(frames, 0) as tf.Tensor4D;
  });
}

export type StepFrameView = { kind: 'energy' } | { kind: 'channel'; channel: number } | { kind: 'pca'; basis?: PrincipalBasis };

export interface HcNetStepFrames extends FrameMaps {
  /** Step number of each frame. */
  steps: number[];
  alphaScale: number;
  /** Stability of the step with alpha * alphaScale at this map size. */
  stability: StabilityReport;
  basis?: PrincipalBasis;
}

/** Display maps of n explicit steps from an HcNet block's capture (input and alpha, already diffusivity-scaled). */
export async function hcnetStepFramesFromCapture(capture: BlockCapture, steps: number, view: StepFrameView, opts: ExplicitStepOptions = {}): Promise<HcNetStepFrames> {
  const { input, alpha } = capture;
  if (!alpha) throw new AnalysisInputError(`block ${capture.stage}.${capture.block} has no alpha capture (not HcNet?)`);
  const index = opts.index ?? 0;
  const alphaScale = opts.alphaScale ?? 1;
  const [, h, w, c] = input.shape;
  if (h * w < 2) throw new AnalysisInputError('a 1x1 map has no explicit step to analyse');
  const alphaRow = tf.tidy(() => tf.reshape(tf.slice(alpha, [alpha.shape[0] === 1 ? 0 : index, 0, 0, 0], [1, 1, 1, c]), [c]));
  const alphaValues = await alphaRow.data();
  alphaRow.dispose();
  const stability = explicitStepStability(Array.from(alphaValues, (a) => a * alphaScale), h, w);
  const frames = explicitHeatSteps(input, alpha, steps, opts);
  try {
    const stepNumbers = recordedSteps(steps, opts.recordEvery ?? 1);
    const base = { steps: stepNumbers, alphaScale };
    if (view.kind === 'pca') {
      const basis = view.basis ?? (await principalBasisOfMap(input, 3, index));
      return { ...(await reduceFrames(frames, { kind: 'pca', basis })), ...base, stability, basis };
    }
    return { ...(await reduceFrames(frames, view)), ...base, stability };
  } finally {
    frames.dispose();
  }
}
