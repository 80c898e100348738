import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { registerCpuKernelOnce } from '../cpuKernel';
import { registerWebgpuKernelOnce } from '../webgpuProgram';
import { channelLayerNormCpuKernel, type ChannelLayerNormAttrs } from './channelLayerNormCpuKernel';
import { channelLayerNormProgramRun } from './channelLayerNormProgram';

/**
 * Name of the tfjs kernel behind the fused LayerNorm: the WGSL program on 'webgpu', one TypeScript pass on 'wasm'
 * and 'cpu' (channelLayerNormCpuKernel.ts).
 */
export const CHANNEL_LAYER_NORM_KERNEL = 'ChannelLayerNorm';

function channelLayerNormWebgpu(args: { inputs: { x: TensorInfo; weight: TensorInfo; bias: TensorInfo }; backend: WebGPUBackend; attrs: ChannelLayerNormAttrs }): TensorInfo {
  const { x, weight, bias } = args.inputs;
  return channelLayerNormProgramRun(args.backend, x, weight, bias, args.attrs.eps);
}

/** Runs the fused kernel on the active backend ('webgpu', 'wasm' or 'cpu'). x [B,H,W,C], weight and bias [C]. */
export function runChannelLayerNormKernel(x: tf.Tensor4D, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number): tf.Tensor4D {
  ensureChannelLayerNormRegistered();
  const attrs: ChannelLayerNormAttrs = { eps };
  return tf.engine().runKernel(CHANNEL_LAYER_NORM_KERNEL, { x, weight, bias }, attrs) as tf.Tensor4D;
}

/**
 * With xhat = (x - mean) * rstd and g = dy * weight (per pixel, means over C):
 *   dx = rstd * (g - mean(g) - xhat * mean(g * xhat)),  dweight = sum_{B,H,W} dy * xhat,  dbias = sum_{B,H,W} dy.
 * Written with tfjs ops; the statistics are recomputed from the saved x.
 */
const channelLayerNormGrad: GradConfig = {
  kernelName: CHANNEL_LAYER_NORM_KERNEL,
  inputsToSave: ['x', 'weight'],
  gradFunc: (dy, saved, attrs) => {
    const [x, weight] = saved as [tf.Tensor4D, tf.Tensor1D];
    const { eps } = attrs as ChannelLayerNormAttrs;
    const dy4 = dy as tf.Tensor4D;
    const stats = () => {
      const { mean, variance } = tf.moments(x, -1, true);
      const rstd = tf.rsqrt(tf.add(variance, eps));
      return { rstd, xhat: tf.mul(tf.sub(x, mean), rstd) };
    };
    return {
      x: () =>
        tf.tidy(() => {
          const { rstd, xhat } = stats();
          const g = tf.mul(dy4, weight);
          const centred = tf.sub(g, tf.mean(g, -1, true));
          return tf.mul(rstd, tf.sub(centred, tf.mul(xhat, tf.mean(tf.mul(g, xhat), -1, true))));
        }),
      weight: () => tf.tidy(() => tf.sum(tf.mul(dy4, stats().xhat), [0, 1, 2])),
      bias: () => tf.sum(dy4, [0, 1, 2]),
    };
  },
};

let registered = false;

/** Registers the kernel for its three backends and its gradient once (idempotent). */
export function ensureChannelLayerNormRegistered(): void {
  if (registered) return;
  registerWebgpuKernelOnce(CHANNEL_LAYER_NORM_KERNEL, channelLayerNormWebgpu as unknown as KernelFunc, channelLayerNormGrad);
  registerCpuKernelOnce(channelLayerNormCpuKernel(CHANNEL_LAYER_NORM_KERNEL));
  registered = true;
}
