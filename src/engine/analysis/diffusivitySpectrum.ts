// The learned diffusivity of a vHeat block in the frequency domain: k[n, m, c] (rows n = vertical
// frequency, columns m = horizontal frequency), as an image per channel or averaged over channels.

import * as tf from '@tensorflow/tfjs';
import type { DiffusivityScale, HeatModel } from '../models/model';
import { rateFromDiffusivity } from '../ops/heat/rate';
import { valueRange } from './displayMaps';
import { AnalysisInputError } from './errors';
import { stageScale } from '../models/diffusivityScale';

/**
 * k:     s * k[n,m,c], the diffusivity in effect (s = global * perStage[stage]; s = 1 gives the learned k).
 * decay: exp(-s (w_n^2 + w_m^2) k[n,m,c]), the factor each DCT coefficient is multiplied by (1 at n = m = 0).
 */
export type SpectrumQuantity = 'k' | 'decay';
export type SpectrumView = { kind: 'mean' } | { kind: 'channel'; channel: number };

export interface DiffusivitySpectrum {
  stage: number;
  block: number;
  quantity: SpectrumQuantity;
  /** Rows n < height, columns m < width. */
  height: number;
  width: number;
  channels: number;
  scale: number;
  /** Row-major [height, width]. */
  data: Float32Array;
  range: [number, number];
}

/** Null for a model without a learned diffusivity (HcNet). */
export async function diffusivitySpectrum(
  model: HeatModel,
  stage: number,
  block: number,
  size: { height: number; width: number },
  view: SpectrumView,
  quantity: SpectrumQuantity = 'k',
  diffusivity?: DiffusivityScale,
): Promise<DiffusivitySpectrum | null> {
  const { height, width } = size;
  const scale = stageScale(diffusivity, stage, model.config.depths.length);
  const k = model.diffusivity(stage, block, height, width);
  if (!k) return null;
  const channels = k.shape[2];
  let map: tf.Tensor;
  try {
    if (view.kind === 'channel' && !(Number.isInteger(view.channel) && view.channel >= 0 && view.channel < channels)) {
      throw new AnalysisInputError(`channel ${view.channel} is not in 0..${channels - 1}`);
    }
    map = tf.tidy(() => {
      const perChannel = quantity === 'k' ? tf.mul(k, scale) : tf.exp(tf.mul(rateFromDiffusivity(k), -scale));
      return view.kind === 'mean'
        ? tf.mean(perChannel, 2)
        : tf.reshape(tf.slice(perChannel, [0, 0, view.channel], [height, width, 1]), [height, width]);
    });
  } finally {
    k.dispose();
  }
  try {
    const data = (await map.data()) as Float32Array;
    return { stage, block, quantity, height, width, channels, scale, data, range: valueRange(data) };
  } finally {
    map.dispose();
  }
}
