// How much each channel of a block conducts heat: vHeat's learned diffusivity k per channel (over the frequencies of
// a map), HcNet's step diffusivity alpha per channel (input dependent, from a capture). In the bundled vHeat model
// about half of some stages' channels have k = 0 at every frequency: they never conduct and keep local detail.

import * as tf from '@tensorflow/tfjs';
import type { BlockCapture, HeatModel } from '../models/model';
import { AnalysisInputError } from './errors';

export interface ChannelConduction {
  stage: number;
  block: number;
  /** 'k': vHeat's diffusivity over the grid's frequencies; 'alpha': HcNet's step diffusivity (one per channel). */
  quantity: 'k' | 'alpha';
  channels: number;
  /** Per channel: mean of k over the grid's H x W frequencies (DC included), or alpha. */
  mean: Float32Array;
  /** Per channel: largest k over the frequencies, or alpha. */
  max: Float32Array;
  /** Channel indices by mean, largest first (equal means: lower index first). */
  order: number[];
  /**
   * Channels that never conduct, ascending: k = 0 at every frequency but (0, 0) (the DC term is never damped, so its
   * k has no effect), or alpha = 0. A 1 x 1 grid has no other frequency: nothing conducts there.
   */
  nonConducting: number[];
  /** Share of the channels that conduct: 1 - nonConducting.length / channels. */
  conductingFraction: number;
}

/** Channel order by value, largest first (stable: equal values keep ascending index). */
function descendingOrder(values: Float32Array): number[] {
  return Array.from(values, (_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
}

function summary(stage: number, block: number, quantity: 'k' | 'alpha', mean: Float32Array, max: Float32Array, nonConducting: number[]): ChannelConduction {
  const channels = mean.length;
  return { stage, block, quantity, channels, mean, max, order: descendingOrder(mean), nonConducting, conductingFraction: channels ? 1 - nonConducting.length / channels : 0 };
}

/** Channels whose k [H,W,C] data is > 0 at some frequency other than (0, 0), ascending. */
function conductingFromK(k: Float32Array, plane: number, c: number): boolean[] {
  const conducts = new Array<boolean>(c).fill(false);
  for (let i = 1; i < plane; i++) for (let j = 0; j < c; j++) if (k[i * c + j] > 0) conducts[j] = true;
  return conducts;
}

/**
 * Per channel conduction of block (stage, block). vHeat: k = model.diffusivity(stage, block, H, W) on `grid` (the
 * block's map size, e.g. stageSize(inputSize, stage)); the diffusivity sliders scale every channel alike and are not
 * applied. HcNet: alpha[index] of `capture` (that block's capture; required, as alpha depends on the input; already
 * scaled by the run's diffusivity).
 */
export async function channelConduction(
  model: HeatModel,
  stage: number,
  block: number,
  grid: { height: number; width: number },
  opts: { capture?: BlockCapture; index?: number } = {},
): Promise<ChannelConduction> {
  const k = model.diffusivity(stage, block, grid.height, grid.width);
  if (!k) return alphaConduction(stage, block, opts.capture, opts.index ?? 0);
  const [h, w, c] = k.shape;
  const [meanT, maxT] = tf.tidy(() => [tf.mean(k, [0, 1]), tf.max(k, [0, 1])]);
  try {
    const [data, mean, max] = (await Promise.all([k.data(), meanT.data(), maxT.data()])) as Float32Array[];
    const conducts = conductingFromK(data, h * w, c);
    return summary(stage, block, 'k', mean, max, conducts.flatMap((yes, j) => (yes ? [] : [j])));
  } finally {
    tf.dispose([k, meanT, maxT]);
  }
}

async function alphaConduction(stage: number, block: number, capture: BlockCapture | undefined, index: number): Promise<ChannelConduction> {
  if (!capture?.alpha) throw new AnalysisInputError(`block ${stage}.${block} has no k: pass its capture (with alpha) for HcNet`);
  if (capture.stage !== stage || capture.block !== block) throw new AnalysisInputError(`the capture is of block ${capture.stage}.${capture.block}, not ${stage}.${block}`);
  const [b, , , c] = capture.alpha.shape;
  if (!Number.isInteger(index) || index < 0 || index >= b) throw new AnalysisInputError(`capture index ${index} not in 0..${b - 1}`);
  const all = (await capture.alpha.data()) as Float32Array;
  const alpha = all.slice(index * c, (index + 1) * c);
  const nonConducting = Array.from(alpha.keys()).filter((j) => !(alpha[j] > 0));
  return summary(stage, block, 'alpha', alpha, alpha.slice(), nonConducting);
}

/** The channels of a vHeat rate map [H,W,C] ((w_n^2 + w_m^2) k) that conduct: rate > 0 somewhere. Ascending. */
export async function conductingChannels(rate: tf.Tensor3D): Promise<number[]> {
  const [h, w, c] = rate.shape;
  const conducts = conductingFromK((await rate.data()) as Float32Array, h * w, c);
  return conducts.flatMap((yes, j) => (yes ? [j] : []));
}
