import * as tf from '@tensorflow/tfjs';

/** GELU, exact erf form (PyTorch nn.GELU() default): 0.5 x (1 + erf(x / sqrt 2)). */
export { geluExact } from '../../ops/gelu/geluExact';

/** SiLU: x * sigmoid(x). */
export function silu<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => tf.mul(x, tf.sigmoid(x)) as T);
}
