import * as tf from '@tensorflow/tfjs';
import { runsKernel, type OpImpl } from '../defineKernel';
import { spatialMeanKernel } from './spatialMeanKernel';
import { InternalError } from '../../errors';

/**
 * Mean over H and W of x [B,H,W,C] -> [B,C] (global average pool; keepDims gives [B,1,1,C]). 'auto': the kernel
 * (WGSL) on the 'webgpu' backend, tf.mean elsewhere. Differentiable on both paths.
 */
export function spatialMean(x: tf.Tensor4D, keepDims: true, impl?: OpImpl): tf.Tensor4D;
export function spatialMean(x: tf.Tensor4D, keepDims?: false, impl?: OpImpl): tf.Tensor2D;
export function spatialMean(x: tf.Tensor4D, keepDims = false, impl: OpImpl = 'auto'): tf.Tensor {
  if (x.rank !== 4) throw new InternalError(`spatialMean: x must be [B,H,W,C], got [${x.shape}]`);
  if (!runsKernel('spatialMean', impl, spatialMeanKernel, x.dtype)) return tf.mean(x, [1, 2], keepDims);
  const [b, , , c] = x.shape;
  return tf.tidy(() => {
    const pooled = spatialMeanKernel.run<tf.Tensor2D>({ x });
    return keepDims ? tf.reshape(pooled, [b, 1, 1, c]) : pooled;
  });
}
