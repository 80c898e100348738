// Reduces stacks of feature maps [T,H,W,C] (heat frames, HcNet steps) to displayable per-pixel values,
// on the GPU, then downloads them once.
//   energy:  sqrt(mean_c u^2) per pixel (the RMS over channels, or over a chosen subset; >= 0)
//   channel: u[..., c]
//   pca:     coordinates of (u - mean) on the top principal components of a reference map's channel
//            vectors (basis fitted once, e.g. at t = 0), so colours are comparable across frames

import * as tf from '@tensorflow/tfjs';
import { valueRange } from './displayMaps';
import { AnalysisInputError } from './errors';
import { principalBasisFromCovariance, type PrincipalBasis } from './principalComponents';

/** energy: over every channel, or over `channels` only (ascending indices, e.g. the conducting ones). */
export type FrameView = { kind: 'energy'; channels?: readonly number[] } | { kind: 'channel'; channel: number } | { kind: 'pca'; basis: PrincipalBasis };

export interface FrameMaps {
  /** Number of frames T. */
  count: number;
  height: number;
  width: number;
  /** Values per pixel: 1 (energy, channel) or the basis size (pca, usually 3 = RGB). */
  components: number;
  /** Row-major [T, H, W, components]. */
  data: Float32Array;
  /** Per frame: [min, max] over all its pixels and components. */
  frameRanges: [number, number][];
  /** Per component: [min, max] over all frames (one colour scale for the whole sequence). */
  componentRanges: [number, number][];
}

/** The [T*H*W, k] values of a view, as a tensor (inside the caller's tidy). */
function reduceToRows(frames: tf.Tensor4D, view: FrameView): tf.Tensor2D {
  const [t, h, w, c] = frames.shape;
  const rows = tf.reshape(frames, [t * h * w, c]) as tf.Tensor2D;
  switch (view.kind) {
    case 'energy': {
      if (!view.channels) return tf.sqrt(tf.mean(tf.square(rows), 1, true)) as tf.Tensor2D;
      if (view.channels.length === 0) return tf.zeros([t * h * w, 1]) as tf.Tensor2D;
      for (const ch of view.channels) if (!Number.isInteger(ch) || ch < 0 || ch >= c) throw new AnalysisInputError(`channel ${ch} is not in 0..${c - 1}`);
      const picked = tf.gather(rows, tf.tensor1d(Int32Array.from(view.channels), 'int32'), 1);
      return tf.sqrt(tf.mean(tf.square(picked), 1, true)) as tf.Tensor2D;
    }
    case 'channel':
      if (!Number.isInteger(view.channel) || view.channel < 0 || view.channel >= c) {
        throw new AnalysisInputError(`channel ${view.channel} is not in 0..${c - 1}`);
      }
      return tf.slice(rows, [0, view.channel], [-1, 1]);
    case 'pca': {
      const { basis } = view;
      if (basis.channels !== c) throw new AnalysisInputError(`PCA basis has ${basis.channels} channels, the frames ${c}`);
      const k = basis.variances.length;
      const mean = tf.tensor1d(Float32Array.from(basis.mean));
      const comps = tf.tensor2d(Float32Array.from(basis.components), [k, c]);
      return tf.matMul(tf.sub(rows, mean), comps, false, true) as tf.Tensor2D;
    }
  }
}

/** Reduces frames [T,H,W,C] to display maps (does not dispose `frames`). */
export async function reduceFrames(frames: tf.Tensor4D, view: FrameView): Promise<FrameMaps> {
  const [count, height, width] = frames.shape;
  const rows = tf.tidy(() => reduceToRows(frames, view));
  const components = rows.shape[1];
  let data: Float32Array;
  try {
    data = (await rows.data()) as Float32Array;
  } finally {
    rows.dispose();
  }
  const perFrame = height * width * components;
  const frameRanges: [number, number][] = [];
  for (let f = 0; f < count; f++) frameRanges.push(valueRange(data.subarray(f * perFrame, (f + 1) * perFrame)));
  const componentRanges: [number, number][] = [];
  for (let k = 0; k < components; k++) componentRanges.push(valueRange(data, components, k));
  return { count, height, width, components, data, frameRanges, componentRanges };
}

/**
 * PCA basis of the channel vectors of map[index] (a [B,H,W,C] tensor; every pixel one sample): the mean and
 * covariance are computed on the GPU in float32 and the top-k eigenvectors in float64 on the CPU.
 */
export async function principalBasisOfMap(map: tf.Tensor4D, k = 3, index = 0): Promise<PrincipalBasis> {
  const [b, h, w, c] = map.shape;
  if (!Number.isInteger(index) || index < 0 || index >= b) throw new AnalysisInputError(`map index ${index} not in 0..${b - 1}`);
  const [meanT, covT] = tf.tidy(() => {
    const rows = tf.reshape(tf.slice(map, [index, 0, 0, 0], [1, h, w, c]), [h * w, c]) as tf.Tensor2D;
    const mean = tf.mean(rows, 0);
    const centred = tf.sub(rows, mean) as tf.Tensor2D;
    const cov = tf.div(tf.matMul(centred, centred, true, false), h * w);
    return [mean, cov];
  });
  try {
    const [mean, cov] = await Promise.all([meanT.data(), covT.data()]);
    return principalBasisFromCovariance(mean, cov, c, k);
  } finally {
    tf.dispose([meanT, covT]);
  }
}
