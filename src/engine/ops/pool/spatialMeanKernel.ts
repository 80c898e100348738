import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { registerWebgpuKernelOnce } from '../webgpuProgram';
import { spatialMeanProgramRun } from './spatialMeanProgram';

/** Name of the tfjs kernel behind the WGSL global average pool (registered for the 'webgpu' backend only). */
export const SPATIAL_MEAN_KERNEL = 'SpatialMeanWgsl';

function spatialMeanWebgpu(args: { inputs: { x: TensorInfo }; backend: WebGPUBackend }): TensorInfo {
  return spatialMeanProgramRun(args.backend, args.inputs.x);
}

/** Runs the registered WGSL kernel (backend 'webgpu'): x [B,H,W,C] -> [B,C]. */
export function runSpatialMeanKernel(x: tf.Tensor4D): tf.Tensor2D {
  registerWebgpuKernelOnce(SPATIAL_MEAN_KERNEL, spatialMeanWebgpu as unknown as KernelFunc, spatialMeanGrad);
  return tf.engine().runKernel(SPATIAL_MEAN_KERNEL, { x }) as tf.Tensor2D;
}

/** dx[b,h,w,c] = dy[b,c] / (H W): the gradient is spread evenly over the pixels. */
const spatialMeanGrad: GradConfig = {
  kernelName: SPATIAL_MEAN_KERNEL,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved as [tf.Tensor4D];
    const [b, h, w, c] = x.shape;
    return { x: () => tf.tidy(() => tf.broadcastTo(tf.reshape(tf.div(dy as tf.Tensor, h * w), [b, 1, 1, c]), [b, h, w, c])) };
  },
};
