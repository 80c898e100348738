import * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { defineKernel } from '../defineKernel';
import { denseProgramRun, type DenseActivation } from './denseProgram';

export interface DenseAttrs extends NamedAttrMap {
  activation: DenseActivation;
}

/** d gelu(u) / du = Phi(u) + u phi(u), with Phi, phi the standard normal CDF and density. */
function geluDerivative(u: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const cdf = tf.mul(tf.add(tf.erf(tf.mul(u, Math.SQRT1_2)), 1), 0.5);
    const pdf = tf.mul(tf.exp(tf.mul(tf.square(u), -0.5)), 1 / Math.sqrt(2 * Math.PI));
    return tf.add(cdf, tf.mul(u, pdf));
  });
}

/**
 * The dense layer's kernel: act(x [M,K] @ weight [K,N] + bias [N]) -> [M,N], a WGSL program on 'webgpu' only.
 * Gradient, with u = x W + b and g = dy * act'(u) (for 'gelu' u is recomputed by the kernel itself):
 *   dx = g W^T (the WGSL kernel again, on W^T with a zero bias), dW = x^T g, db = sum_rows g.
 */
export const denseKernel = defineKernel<'x' | 'weight' | 'bias', DenseAttrs>({
  name: 'Dense',
  inputNames: ['x', 'weight', 'bias'],
  webgpu: (backend, { x, weight, bias }, { activation }) => denseProgramRun(backend, x, weight, bias, activation),
  grad: {
    inputsToSave: ['x', 'weight', 'bias'],
    gradFunc: (dy, saved, attrs) => {
      const [x, weight, bias] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
      const { activation } = attrs as DenseAttrs;
      const dy2 = dy as tf.Tensor2D;
      const g = (): tf.Tensor2D => (activation === 'gelu' ? (tf.mul(dy2, geluDerivative(runDenseKernel(x, weight, bias, 'linear'))) as tf.Tensor2D) : dy2);
      return {
        x: () => tf.tidy(() => runDenseKernel(g(), tf.transpose(weight), tf.zeros([weight.shape[0]]), 'linear')),
        weight: () => tf.tidy(() => tf.matMul(x, g(), true, false)),
        bias: () => tf.tidy(() => tf.sum(g(), 0)),
      };
    },
  },
});

/** Name of the tfjs kernel behind the dense layer. */
export const DENSE_KERNEL = denseKernel.name;

/** Runs the kernel (backend 'webgpu'): act(x [M,K] @ weight [K,N] + bias [N]) -> [M,N]. */
export function runDenseKernel(x: tf.Tensor2D, weight: tf.Tensor2D, bias: tf.Tensor1D, activation: DenseActivation): tf.Tensor2D {
  return denseKernel.run({ x, weight, bias }, { activation });
}
