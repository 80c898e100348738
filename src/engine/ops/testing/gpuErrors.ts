import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

/**
 * Runs fn with WebGPU validation and out-of-memory error scopes open and throws if the device reported an
 * error. tfjs does not surface WGSL compile errors: an invalid pipeline's dispatch is dropped and the output
 * buffer (recycled from tfjs's pool) keeps whatever it held, which can even look like a plausible result.
 * Every kernel test runs its kernels inside this.
 */
export async function withGpuErrorCheck<T>(fn: () => Promise<T>): Promise<T> {
  const device = (tf.backend() as WebGPUBackend).device;
  device.pushErrorScope('validation');
  device.pushErrorScope('out-of-memory');
  const result = await fn();
  const oom = await device.popErrorScope();
  const validation = await device.popErrorScope();
  const err = validation ?? oom;
  if (err) throw new Error(`WebGPU error: ${err.message}`);
  return result;
}
