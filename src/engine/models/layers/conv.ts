import * as tf from '@tensorflow/tfjs';
import { dense } from '../../ops/dense/dense';
import type { DenseActivation } from '../../ops/dense/denseProgram';
import { InternalError } from '../../errors';
import { recordingGradients } from '../../ops/recordingGradients';

export { conv3x3Stride2 } from '../../ops/conv/conv3x3Stride2';

/** Depthwise 3x3, stride 1, zero padding 1 on every side (the conv's own padding: no padded copy). filter [3,3,C,1]. */
export function depthwiseConv3x3(x: tf.Tensor4D, filter: tf.Tensor4D, bias?: tf.Tensor1D): tf.Tensor4D {
  return depthwiseConvPadded(x, filter, 1, bias);
}

/** Depthwise, stride 1, zero padding `pad`: fused with its bias, or under a gradient tape plain (recordingGradients.ts). */
function depthwiseConvPadded(x: tf.Tensor4D, filter: tf.Tensor4D, pad: number, bias?: tf.Tensor1D): tf.Tensor4D {
  if (!recordingGradients()) return tf.fused.depthwiseConv2d({ x, filter, strides: 1, pad, bias });
  const y = tf.depthwiseConv2d(x, filter, 1, pad);
  return bias ? tf.add(y, bias) : y;
}

/** Depthwise k x k (k odd), stride 1, zero padding (k-1)/2 on every side, with bias: filter [k,k,C,1] (ConvNeXt's 7x7). */
export function depthwiseConvSame(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D): tf.Tensor4D {
  return depthwiseConvPadded(x, filter, (filter.shape[0] - 1) / 2, bias);
}

/**
 * Per-pixel linear map (nn.Linear on channels-last, or a 1x1 conv): x [..,Cin] @ W [Cin,Cout] + b, optionally
 * with the exact GELU fused in. With a bias it is the `dense` op (the WGSL kernel on webgpu); without, a matMul.
 */
export function pointwise<T extends tf.Tensor>(x: T, weight: tf.Tensor2D, bias?: tf.Tensor1D, activation: DenseActivation = 'linear'): T {
  if (bias) return dense(x, weight, bias, activation);
  if (activation !== 'linear') throw new InternalError(`pointwise: activation '${activation}' needs a bias`);
  return tf.tidy(() => {
    const shape = x.shape;
    const cin = shape[shape.length - 1];
    const rows = tf.reshape(x, [-1, cin]) as tf.Tensor2D;
    // Under a gradient tape the plain matMul, whose weight gradient is not computed (recordingGradients.ts).
    const y = recordingGradients() ? tf.matMul(rows, weight) : tf.fused.matMul({ a: rows, b: weight, bias });
    return tf.reshape(y, [...shape.slice(0, -1), weight.shape[1]]) as T;
  });
}

/** 3x3 average pool, stride 1, zero padding 1 counted in the divisor (count_include_pad=True): box sum / 9. */
export function avgPool3x3CountPad(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
    return tf.avgPool(padded, 3, 1, 'valid');
  });
}
