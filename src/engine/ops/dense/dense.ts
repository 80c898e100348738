import * as tf from '@tensorflow/tfjs';
import { geluExact } from '../gelu/geluExact';
import { runDenseKernel } from './denseKernel';
import { activeProfile, denseImplFor } from '../../backend/kernelChoice';
import type { DenseActivation } from './denseProgram';

/**
 * Which implementation runs: 'auto' = on the 'webgpu' backend the kernel-choice table's pick for the adapter and
 * M*K*N (the WGSL kernel or tfjs's matMul), tfjs ops elsewhere.
 */
export type DenseImpl = 'auto' | 'wgsl' | 'tfjs';

/**
 * Per-pixel linear map act(x [..., K] @ weight [K,N] + bias [N]) -> [..., N] (nn.Linear on channels-last, a 1x1
 * conv), optionally followed by the exact GELU. Differentiable on both paths.
 */
export function dense<T extends tf.Tensor>(x: T, weight: tf.Tensor2D, bias: tf.Tensor1D, activation: DenseActivation = 'linear', impl: DenseImpl = 'auto'): T {
  const shape = x.shape;
  const [k, n] = weight.shape;
  if (shape[shape.length - 1] !== k || bias.shape[0] !== n) {
    throw new Error(`dense: x [${shape}] needs weight [${shape[shape.length - 1]},N] and bias [N], got [${weight.shape}] and [${bias.shape}]`);
  }
  const onWebgpu = tf.getBackend() === 'webgpu';
  if (impl === 'wgsl' && !onWebgpu) throw new Error(`dense: impl 'wgsl' needs the 'webgpu' backend, the active one is '${tf.getBackend()}'`);
  return tf.tidy(() => {
    const rows = tf.reshape(x, [-1, k]) as tf.Tensor2D;
    let y: tf.Tensor2D;
    const wgsl = impl === 'wgsl' || (impl === 'auto' && denseImplFor(activeProfile(), rows.shape[0], k, n) === 'wgsl');
    if (wgsl && onWebgpu && x.dtype === 'float32') {
      y = runDenseKernel(rows, weight, bias, activation);
    } else {
      y = tf.fused.matMul({ a: rows, b: weight, bias }) as tf.Tensor2D;
      if (activation === 'gelu') y = geluExact(y);
    }
    return tf.reshape(y, [...shape.slice(0, -1), n]) as T;
  });
}
