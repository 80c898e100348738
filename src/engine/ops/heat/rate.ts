import * as tf from '@tensorflow/tfjs';
import { squaredFrequencies } from './dctBasis';
import { InternalError } from '../../errors';

/** The H x W map of w_n^2 + w_m^2 with w_n = pi n / H, w_m = pi m / W (broadcasts over C), float32. */
export function frequencyGrid(h: number, w: number): tf.Tensor2D {
  if (!(Number.isInteger(h) && Number.isInteger(w) && h >= 1 && w >= 1)) throw new InternalError(`frequencyGrid: bad size ${h}x${w}`);
  const fh = squaredFrequencies(h);
  const fw = squaredFrequencies(w);
  const out = new Float32Array(h * w);
  for (let n = 0; n < h; n++) for (let m = 0; m < w; m++) out[n * w + m] = fh[n] + fw[m];
  return tf.tensor2d(out, [h, w], 'float32');
}

/** rate from a diffusivity map k [H,W,C] (k >= 0): multiplies by w_n^2 + w_m^2 with w_n = pi n / H. */
export function rateFromDiffusivity(k: tf.Tensor3D): tf.Tensor3D {
  const [h, w] = k.shape;
  return tf.tidy(() => tf.mul(k, tf.expandDims(frequencyGrid(h, w), 2)) as tf.Tensor3D);
}

/**
 * Smallest normal float32. A decay below it (including an underflowed 0) is clamped to it, so the
 * rate stays finite (-ln(2^-126) ~ 87.3) and exp(-rate) reproduces ~0 at scale 1.
 */
const MIN_DECAY = 1.1754943508222875e-38;

/** rate from an inference-mode decay map E = k_exp [H,W,C]: -ln(E), clamped finite (E may underflow to 0). */
export function rateFromDecay(decay: tf.Tensor3D): tf.Tensor3D {
  // E is exp(-rate) with rate >= 0, so E lies in [0, 1]; clamp to [MIN_DECAY, 1] so rate lies in [0, 87.3].
  return tf.tidy(() => tf.neg(tf.log(tf.clipByValue(decay, MIN_DECAY, 1))) as tf.Tensor3D);
}
