// Fitting vHeat's per-frequency maps (freq_embed, k) trained at one stage size to another size.
//
// Official rule (interpolate4downstream.py): freq_embed.i is zero-padded at the high-frequency end
// (rows/cols appended after the trained ones) for a larger input; the reference takes the leading rows
// and columns for a smaller one. Each axis is fitted on its own, so non-square sizes work.

import * as tf from '@tensorflow/tfjs';
import { frequencyGrid } from '../ops/heat/rate';

/** Crops a [r0,r1,C] map to its leading rows/cols, or zero-pads it at the end, to [h,w,C]. */
export function fitZeroPadded(map: tf.Tensor3D, h: number, w: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [r0, r1, c] = map.shape;
    if (r0 === 0 || r1 === 0) return tf.zeros([h, w, c]) as tf.Tensor3D;
    const cropped = tf.slice(map, [0, 0, 0], [Math.min(h, r0), Math.min(w, r1), c]);
    return tf.pad(cropped, [[0, Math.max(0, h - r0)], [0, Math.max(0, w - r1)], [0, 0]]) as tf.Tensor3D;
  });
}

/** Crops a [r0,r1,C] map to [h,w,C], or extends it by repeating its last row/col (nearest trained frequency). */
export function fitEdgeReplicated(map: tf.Tensor3D, h: number, w: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [r0, r1, c] = map.shape;
    if (r0 === 0 || r1 === 0) return tf.zeros([h, w, c]) as tf.Tensor3D;
    const rows = tf.tensor1d(Array.from({ length: h }, (_, i) => Math.min(i, r0 - 1)), 'int32');
    const cols = tf.tensor1d(Array.from({ length: w }, (_, i) => Math.min(i, r1 - 1)), 'int32');
    return tf.gather(tf.gather(map, rows, 0), cols, 1) as tf.Tensor3D;
  });
}

/**
 * The diffusivity k of an inference-mode decay map E = exp(-(w_n^2 + w_m^2) k) on its own grid:
 * k = -ln(E) / (w_n^2 + w_m^2). At n = m = 0 the decay is 1 whatever k is; k is set to 0 there.
 * `rate` is -ln(E) already clamped finite (rateFromDecay).
 */
export function diffusivityFromRate(rate: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const [h, w] = rate.shape;
    const grid = tf.expandDims(frequencyGrid(h, w), 2);
    const inside = tf.cast(tf.greater(grid, 0), 'float32');
    const safe = tf.add(grid, tf.sub(1, inside)); // 1 at the zero frequency, the grid elsewhere
    return tf.mul(tf.div(rate, safe), inside) as tf.Tensor3D;
  });
}
