import * as tf from '@tensorflow/tfjs';

/** Epsilon of vHeat's stem LayerNorms (build_norm_layer default). */
export const STEM_LN_EPS = 1e-6;
/** Epsilon of every other LayerNorm and of HcNet's GroupNorm (PyTorch default). */
export const DEFAULT_NORM_EPS = 1e-5;

/** GroupNorm with one group of x [B,H,W,C]: statistics over H, W and C per sample, per-channel affine. */
export function groupNormOneGroup(x: tf.Tensor4D, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number): tf.Tensor4D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, [1, 2, 3], true);
    const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(normed, weight), bias) as tf.Tensor4D;
  });
}
