import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { registerWebgpuKernelOnce } from '../webgpuProgram';
import { denseProgramRun, type DenseActivation } from './denseProgram';

/** Name of the tfjs kernel behind the WGSL dense layer (registered for the 'webgpu' backend only). */
export const DENSE_KERNEL = 'DenseWgsl';

export interface DenseAttrs extends NamedAttrMap {
  activation: DenseActivation;
}

function denseWebgpu(args: { inputs: { x: TensorInfo; weight: TensorInfo; bias: TensorInfo }; backend: WebGPUBackend; attrs: DenseAttrs }): TensorInfo {
  const { x, weight, bias } = args.inputs;
  return denseProgramRun(args.backend, x, weight, bias, args.attrs.activation);
}

/** Runs the registered WGSL kernel (backend 'webgpu'): act(x [M,K] @ weight [K,N] + bias [N]) -> [M,N]. */
export function runDenseKernel(x: tf.Tensor2D, weight: tf.Tensor2D, bias: tf.Tensor1D, activation: DenseActivation): tf.Tensor2D {
  ensureDenseRegistered();
  const attrs: DenseAttrs = { activation };
  return tf.engine().runKernel(DENSE_KERNEL, { x, weight, bias }, attrs) as tf.Tensor2D;
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
 * With u = x W + b and g = dy * act'(u) (for 'gelu' u is recomputed by the kernel itself):
 *   dx = g W^T (the WGSL kernel again, on W^T with a zero bias), dW = x^T g, db = sum_rows g.
 */
const denseGrad: GradConfig = {
  kernelName: DENSE_KERNEL,
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
};

let registered = false;

/** Registers the WGSL kernel and its gradient once (idempotent). */
export function ensureDenseRegistered(): void {
  if (registered) return;
  registerWebgpuKernelOnce(DENSE_KERNEL, denseWebgpu as unknown as KernelFunc, denseGrad);
  registered = true;
}
