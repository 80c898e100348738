// The exact (erf) GELU as one TypeScript pass, for the 'wasm' and 'cpu' backends, with its gradient. On tfjs ops
// it is four kernels (mul, erf, add, mul), and tfjs-wasm's Erf alone was 107 ms of a 0.9 s vHeat-T inference
// (tf.profile, 5.7 M values): the pass below is about half of that Erf on its own.
import * as tf from '@tensorflow/tfjs';
import { defineKernel } from '../defineKernel';
import { geluErfRows } from './geluErfRows';

/**
 * The exact GELU's kernel, a TypeScript pass on 'wasm' and 'cpu' only (on 'webgpu' the GELU after a linear map is
 * fused into the dense WGSL program instead). Gradient, with tfjs ops:
 *   d gelu / du = Phi(u) + u phi(u) = 0.5 (1 + erf(u / sqrt 2)) + u exp(-u^2 / 2) / sqrt(2 pi).
 */
export const geluErfKernel = defineKernel<'x'>({
  name: 'GeluErf',
  inputNames: ['x'],
  cpu: {
    outputShape: ([x]) => [...x.shape],
    run: ([x], _shapes, out) => geluErfRows(x, out),
  },
  grad: {
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      return {
        x: () =>
          tf.tidy(() => {
            const cdf = tf.mul(tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1), 0.5);
            const pdf = tf.mul(tf.exp(tf.mul(tf.square(x), -0.5)), 1 / Math.sqrt(2 * Math.PI));
            return tf.mul(dy as tf.Tensor, tf.add(cdf, tf.mul(x, pdf)));
          }),
      };
    },
  },
});

/** Name of the tfjs kernel behind the exact GELU. */
export const GELU_ERF_KERNEL = geluErfKernel.name;
