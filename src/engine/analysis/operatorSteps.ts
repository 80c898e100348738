// vHeat's heat-conduction operator as pictures on a real feature map: a block's HCO input u0 (the capture's phi),
// its DCT coefficients, the decay mask exp(-s k (w_n^2 + w_m^2) t), their product and the IDCT result u(t); and for
// one frequency (n, m) its cosine pattern and how fast it decays. Everything comes from the operator's own ops
// (dctHW, heatConduction) and the DCT basis (dctBasis.ts).

import * as tf from '@tensorflow/tfjs';
import type { BlockCapture } from '../models/model';
import { cachedDctMatrix } from '../ops/heat/dctBasis';
import { heatConduction, type HeatImpl } from '../ops/heat/heatConduction';
import { dctHW } from '../ops/heat/heatPortable';
import { conductingChannels } from './channelConduction';
import { valueRange } from './displayMaps';
import { AnalysisInputError } from './errors';

/** One channel, or the RMS over the channels that conduct (rate > 0 somewhere). */
export type OperatorChannel = number | 'conducting-energy';

/** Decades below the largest |DCT(u0)| coefficient that the log-magnitude pictures reach (their floor). */
export const LOG_MAGNITUDE_DECADES = 6;

/** One H x W picture, row-major, with its [min, max]. */
export interface OperatorPicture {
  data: Float32Array;
  range: [number, number];
}

export interface OperatorSteps {
  stage: number;
  block: number;
  height: number;
  width: number;
  channel: OperatorChannel;
  /** The channels pictured, ascending: [channel], or the conducting ones. */
  channels: number[];
  t: number;
  /** The block's s (global * perStage[stage] of the run that captured it); the mask is exp(-s k w^2 t). */
  scale: number;
  /** u0 (one channel: signed) or sqrt(mean_c u0^2). */
  input: OperatorPicture;
  /** log10 |DCT(u0)| (or of the RMS over channels), DC at [0, 0] (row n, column m), floored at logFloor. */
  coefficients: OperatorPicture;
  /** exp(-s k[n, m] (w_n^2 + w_m^2) t) in [0, 1] (mean over the channels), w_n = pi n / H. */
  mask: OperatorPicture;
  /** log10 |DCT(u0) * mask| (or of the RMS over channels), on the coefficients' scale. */
  product: OperatorPicture;
  /** u(t) = IDCT(DCT(u0) * mask) (one channel: signed) or sqrt(mean_c u(t)^2). */
  output: OperatorPicture;
  /** log10 of the floor: largest |coefficient| over 10^LOG_MAGNITUDE_DECADES. */
  logFloor: number;
}

function checkCapture(capture: BlockCapture): { phi: tf.Tensor4D; rate: tf.Tensor3D; scale: number } {
  const { phi, rate, scale } = capture;
  if (!phi || !rate || scale === undefined) throw new AnalysisInputError(`block ${capture.stage}.${capture.block} has no heat operator capture (not vHeat?)`);
  return { phi, rate, scale };
}

async function pictured(rate: tf.Tensor3D, channel: OperatorChannel): Promise<number[]> {
  const c = rate.shape[2];
  if (channel !== 'conducting-energy') {
    if (!(Number.isInteger(channel) && channel >= 0 && channel < c)) throw new AnalysisInputError(`channel ${channel} is not in 0..${c - 1}`);
    return [channel];
  }
  const channels = await conductingChannels(rate);
  if (channels.length === 0) throw new AnalysisInputError('no channel of this block conducts (k = 0 everywhere): pick one channel');
  return channels;
}

function picture(data: Float32Array): OperatorPicture {
  return { data, range: valueRange(data) };
}

/**
 * The operator's steps on batch item `index` of the capture's phi at time t (>= 0; t = 1 is the block itself), for
 * one channel or the conducting channels' RMS. Pictures are [H, W] at the block's map size.
 */
export async function operatorSteps(capture: BlockCapture, channel: OperatorChannel, t: number, opts: { index?: number; impl?: HeatImpl } = {}): Promise<OperatorSteps> {
  const { phi, rate, scale } = checkCapture(capture);
  if (!(Number.isFinite(t) && t >= 0)) throw new AnalysisInputError(`time ${t} is not finite and >= 0`);
  const [b, h, w, c] = phi.shape;
  const index = opts.index ?? 0;
  if (!Number.isInteger(index) || index < 0 || index >= b) throw new AnalysisInputError(`phi index ${index} not in 0..${b - 1}`);
  const channels = await pictured(rate, channel);
  const signed = channel !== 'conducting-energy';
  const maps = tf.tidy(() => {
    const idx = tf.tensor1d(Int32Array.from(channels), 'int32');
    const pick = (x: tf.Tensor4D) => tf.gather(x, idx, 3);
    const rms = (x: tf.Tensor4D) => tf.sqrt(tf.mean(tf.square(pick(x)), 3));
    const u0 = tf.slice(phi, [index, 0, 0, 0], [1, h, w, c]);
    const coeffs = dctHW(u0);
    const decay = tf.exp(tf.mul(rate, -scale * t)).expandDims(0) as tf.Tensor4D;
    const out = heatConduction(u0, rate, scale * t, opts.impl);
    const field = (x: tf.Tensor4D) => (signed ? pick(x) : rms(x));
    return [field(u0), rms(coeffs), tf.mean(pick(decay), 3), rms(tf.mul(coeffs, decay) as tf.Tensor4D), field(out)];
  });
  let data: Float32Array[];
  try {
    data = (await Promise.all(maps.map((m) => m.data()))) as Float32Array[];
  } finally {
    tf.dispose(maps);
  }
  const [input, coeffs, mask, product, output] = data;
  const top = valueRange(coeffs)[1];
  const logFloor = top > 0 ? Math.log10(top) - LOG_MAGNITUDE_DECADES : -LOG_MAGNITUDE_DECADES;
  const log = (x: Float32Array) => x.map((v) => Math.max(logFloor, v > 0 ? Math.log10(v) : logFloor));
  return {
    stage: capture.stage, block: capture.block, height: h, width: w, channel, channels, t, scale,
    input: picture(input), coefficients: picture(log(coeffs)), mask: picture(mask), product: picture(log(product)), output: picture(output), logFloor,
  };
}

export interface FrequencyDecay {
  n: number;
  m: number;
  height: number;
  width: number;
  /** The orthonormal cosine pattern D_H[n, y] D_W[m, x], row-major [H, W]: what coefficient (n, m) multiplies. */
  pattern: Float32Array;
  /** Per pictured channel: s rate[n, m, c] = s k (w_n^2 + w_m^2); the coefficient decays as exp(-rate t). */
  rates: number[];
  times: number[];
  /** Per time: the mean over the pictured channels of exp(-s rate t) (what the mask shows at (n, m)). */
  decay: number[];
}

/** The cosine pattern of frequency (n, m) of the block's map and its decay over `times` (each >= 0). */
export async function frequencyDecay(capture: BlockCapture, channel: OperatorChannel, n: number, m: number, times: readonly number[]): Promise<FrequencyDecay> {
  const { rate, scale } = checkCapture(capture);
  const [h, w, c] = rate.shape;
  if (!(Number.isInteger(n) && Number.isInteger(m) && n >= 0 && n < h && m >= 0 && m < w)) throw new AnalysisInputError(`frequency (${n}, ${m}) is not on the ${h}x${w} grid`);
  for (const t of times) if (!(Number.isFinite(t) && t >= 0)) throw new AnalysisInputError(`time ${t} is not finite and >= 0`);
  const channels = await pictured(rate, channel);
  const all = (await rate.data()) as Float32Array;
  const rates = channels.map((j) => scale * all[(n * w + m) * c + j]);
  const dh = cachedDctMatrix(h);
  const dw = cachedDctMatrix(w);
  const pattern = new Float32Array(h * w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) pattern[y * w + x] = dh[n * h + y] * dw[m * w + x];
  const decay = times.map((t) => rates.reduce((acc, r) => acc + Math.exp(-r * t), 0) / rates.length);
  return { n, m, height: h, width: w, pattern, rates, times: [...times], decay };
}
