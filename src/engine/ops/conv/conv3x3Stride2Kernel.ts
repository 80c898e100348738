import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { registerWebgpuKernelOnce } from '../webgpuProgram';
import { conv3x3Stride2ProgramRun } from './conv3x3Stride2Program';

/** Name of the tfjs kernel behind the WGSL stride-2 3x3 conv (registered for the 'webgpu' backend only). */
export const CONV3X3_STRIDE2_KERNEL = 'Conv3x3Stride2Wgsl';

function conv3x3Stride2Webgpu(args: { inputs: { x: TensorInfo; filter: TensorInfo; bias: TensorInfo }; backend: WebGPUBackend }): TensorInfo {
  const { x, filter, bias } = args.inputs;
  return conv3x3Stride2ProgramRun(args.backend, x, filter, bias);
}

/** Runs the registered WGSL kernel (backend 'webgpu'). x [B,H,W,Cin], filter [3,3,Cin,Cout], bias [Cout]. */
export function runConv3x3Stride2Kernel(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D): tf.Tensor4D {
  ensureConv3x3Stride2Registered();
  return tf.engine().runKernel(CONV3X3_STRIDE2_KERNEL, { x, filter, bias }) as tf.Tensor4D;
}

/**
 * The forward equals a 'valid' stride-2 conv of x zero-padded by 1, so with xp = pad(x):
 *   dx = conv2dTranspose(dy) onto xp's shape, cropped by 1 on each side;
 *   dfilter = Conv2DBackpropFilter(xp, dy); dbias = sum over B, H, W of dy.
 */
const conv3x3Stride2Grad: GradConfig = {
  kernelName: CONV3X3_STRIDE2_KERNEL,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const dy4 = dy as tf.Tensor4D;
    const [b, h, w, cin] = x.shape;
    return {
      x: () =>
        tf.tidy(() => {
          const full = tf.conv2dTranspose(dy4, filter, [b, h + 2, w + 2, cin], 2, 'valid');
          return tf.slice(full, [0, 1, 1, 0], [b, h, w, cin]);
        }),
      filter: () =>
        tf.tidy(() => {
          const xp = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
          const attrs = { strides: [2, 2], pad: 'valid', dataFormat: 'NHWC', filterShape: filter.shape };
          return tf.engine().runKernel('Conv2DBackpropFilter', { x: xp, dy: dy4 }, attrs) as tf.Tensor4D;
        }),
      bias: () => tf.sum(dy4, [0, 1, 2]),
    };
  },
};

let registered = false;

/** Registers the WGSL kernel and its gradient once (idempotent). */
export function ensureConv3x3Stride2Registered(): void {
  if (registered) return;
  registerWebgpuKernelOnce(CONV3X3_STRIDE2_KERNEL, conv3x3Stride2Webgpu as unknown as KernelFunc, conv3x3Stride2Grad);
  registered = true;
}
