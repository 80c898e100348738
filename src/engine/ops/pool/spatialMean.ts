import * as tf from '@tensorflow/tfjs';
import { runSpatialMeanKernel } from './spatialMeanKernel';

/**
 * Mean over H and W of x [B,H,W,C] -> [B,C] (global average pool; keepDims gives [B,1,1,C]). The WGSL kernel on
 * the 'webgpu' backend, tf.mean elsewhere ('tfjs' forces it). Differentiable on both paths.
 */
export function spatialMean(x: tf.Tensor4D, keepDims: true, impl?: 'auto' | 'tfjs'): tf.Tensor4D;
export function spatialMean(x: tf.Tensor4D, keepDims?: false, impl?: 'auto' | 'tfjs'): tf.Tensor2D;
export function spatialMean(x: tf.Tensor4D, keepDims = false, impl: 'auto' | 'tfjs' = 'auto'): tf.Tensor {
  if (x.rank !== 4) throw new Error(`spatialMean: x must be [B,H,W,C], got [${x.shape}]`);
  if (impl === 'tfjs' || tf.getBackend() !== 'webgpu' || x.dtype !== 'float32') return tf.mean(x, [1, 2], keepDims);
  const [b, , , c] = x.shape;
  return tf.tidy(() => {
    const pooled = runSpatialMeanKernel(x);
    return keepDims ? tf.reshape(pooled, [b, 1, 1, c]) : pooled;
  });
}
