import * as tf from '@tensorflow/tfjs';

/** GELU, exact erf form (PyTorch nn.GELU() default): 0.5 x (1 + erf(x / sqrt 2)). */
export function geluExact<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)) as T);
}

/** SiLU: x * sigmoid(x). */
export function silu<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => tf.mul(x, tf.sigmoid(x)) as T);
}
