import * as tf from '@tensorflow/tfjs';
import { geluExact } from '../gelu/geluExact';
import { activeProfile, denseImplFor } from '../../backend/kernelChoice';
import { runsKernel, type OpImpl } from '../defineKernel';
import { denseKernel, runDenseKernel } from './denseKernel';
import type { DenseActivation } from './denseProgram';
import { InternalError } from '../../errors';
import { recordingGradients } from '../recordingGradients';

/**
 * Per-pixel linear map act(x [..., K] @ weight [K,N] + bias [N]) -> [..., N] (nn.Linear on channels-last, a 1x1
 * conv), optionally followed by the exact GELU. 'auto': the kernel (WGSL) on the 'webgpu' backend, tfjs ops
 * elsewhere. Differentiable on both paths.
 */
export function dense<T extends tf.Tensor>(x: T, weight: tf.Tensor2D, bias: tf.Tensor1D, activation: DenseActivation = 'linear', impl: OpImpl = 'auto'): T {
  const shape = x.shape;
  const [k, n] = weight.shape;
  if (shape[shape.length - 1] !== k || bias.shape[0] !== n) {
    throw new InternalError(`dense: x [${shape}] needs weight [${shape[shape.length - 1]},N] and bias [N], got [${weight.shape}] and [${bias.shape}]`);
  }
  // 'auto' on WebGPU: the kernel-choice table's pick for the adapter and M*K*N (the WGSL kernel or tfjs's matMul).
  const m = x.size / k;
  const tablePicksKernel = impl !== 'auto' || tf.getBackend() !== 'webgpu' || denseImplFor(activeProfile(), m, k, n) === 'kernel';
  const viaKernel = tablePicksKernel && runsKernel('dense', impl, denseKernel, x.dtype);
  return tf.tidy(() => {
    const rows = tf.reshape(x, [-1, k]) as tf.Tensor2D;
    let y: tf.Tensor2D;
    if (viaKernel) {
      y = runDenseKernel(rows, weight, bias, activation);
    } else {
      // Under a gradient tape the plain ops, whose weight gradient is not computed (recordingGradients.ts).
      y = recordingGradients() ? (tf.add(tf.matMul(rows, weight), bias) as tf.Tensor2D) : (tf.fused.matMul({ a: rows, b: weight, bias }) as tf.Tensor2D);
      if (activation === 'gelu') y = geluExact(y);
    }
    return tf.reshape(y, [...shape.slice(0, -1), n]) as T;
  });
}
