import * as tf from '@tensorflow/tfjs';
import { runsKernel, type OpImpl } from '../defineKernel';
import { conv3x3Stride2Kernel } from './conv3x3Stride2Kernel';
import { InternalError } from '../../errors';
import { recordingGradients } from '../recordingGradients';

/** The same conv with tfjs ops: a stride-2 fused conv2d with its own symmetric zero padding of 1. Any backend. */
export function conv3x3Stride2Tfjs(x: tf.Tensor4D, filter: tf.Tensor4D, bias?: tf.Tensor1D): tf.Tensor4D {
  if (!recordingGradients()) return tf.fused.conv2d({ x, filter, strides: 2, pad: 1, bias });
  // Under a gradient tape the plain conv, whose filter gradient is not computed (recordingGradients.ts).
  const y = tf.conv2d(x, filter, 2, 1);
  return bias ? tf.add(y, bias) : y;
}

/**
 * 3x3 conv, stride 2, padding 1 as PyTorch does it: zero pad of 1 on every side (tfjs 'same' pads
 * asymmetrically for stride 2 and would shift odd sizes; a numeric pad is symmetric). Maps n to ceil(n/2). x NHWC, filter HWIO
 * [3,3,Cin,Cout]; bias optional. 'auto': the kernel (WGSL) on the 'webgpu' backend, tfjs ops elsewhere.
 * Differentiable on both paths.
 */
export function conv3x3Stride2(x: tf.Tensor4D, filter: tf.Tensor4D, bias?: tf.Tensor1D, impl: OpImpl = 'auto'): tf.Tensor4D {
  const [fh, fw, cin, cout] = filter.shape;
  if (x.rank !== 4 || fh !== 3 || fw !== 3 || cin !== x.shape[3] || (bias && bias.shape[0] !== cout)) {
    throw new InternalError(`conv3x3Stride2: x [${x.shape}] needs filter [3,3,${x.shape[3]},Cout] and bias [Cout], got [${filter.shape}] and [${bias?.shape ?? '-'}]`);
  }
  if (!runsKernel('conv3x3Stride2', impl, conv3x3Stride2Kernel, x.dtype)) return conv3x3Stride2Tfjs(x, filter, bias);
  if (bias) return conv3x3Stride2Kernel.run({ x, filter, bias });
  return tf.tidy(() => conv3x3Stride2Kernel.run<tf.Tensor4D>({ x, filter, bias: tf.zeros([cout]) }));
}
