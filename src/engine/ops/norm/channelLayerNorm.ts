import * as tf from '@tensorflow/tfjs';
import { onCpuSideBackend } from '../cpuKernel';
import { runChannelLayerNormKernel } from './channelLayerNormKernel';
import { activeProfile, normImplFor } from '../../backend/kernelChoice';

/**
 * Which implementation runs: 'fused' = the one-kernel LayerNorm (WGSL on 'webgpu', TypeScript on 'wasm' and
 * 'cpu'), 'composite' = tfjs ops; 'auto' = fused where the backend has it (on 'webgpu' where the kernel-choice
 * table says so for the adapter and size), else composite. ('wgsl' is 'fused'
 * asserting the 'webgpu' backend.)
 */
export type NormImpl = 'auto' | 'fused' | 'wgsl' | 'composite';

/** LayerNorm over C with tfjs ops (tf.moments + elementwise): any backend, differentiable. */
export function channelLayerNormComposite(x: tf.Tensor4D, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number): tf.Tensor4D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(normed, weight), bias) as tf.Tensor4D;
  });
}

/**
 * LayerNorm over the channel axis only, per pixel, of x [B,H,W,C] (PyTorch LayerNorm on channels-last /
 * LayerNorm2d): (x - mean_C) / sqrt(var_C + eps) * weight + bias, biased variance. Differentiable on both paths.
 */
export function channelLayerNorm(x: tf.Tensor4D, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number, impl: NormImpl = 'auto'): tf.Tensor4D {
  const c = x.shape[3];
  if (x.rank !== 4 || weight.shape[0] !== c || bias.shape[0] !== c) {
    throw new Error(`channelLayerNorm: x [${x.shape}] needs weight and bias of [${c}], got [${weight.shape}] and [${bias.shape}]`);
  }
  if (!(Number.isFinite(eps) && eps >= 0)) throw new Error(`channelLayerNorm: eps must be finite and >= 0, got ${eps}`);
  const onWebgpu = tf.getBackend() === 'webgpu';
  const hasFused = onWebgpu || onCpuSideBackend();
  if (impl === 'wgsl' && !onWebgpu) throw new Error(`channelLayerNorm: impl 'wgsl' needs the 'webgpu' backend, the active one is '${tf.getBackend()}'`);
  if (impl === 'fused' && !hasFused) throw new Error(`channelLayerNorm: no fused kernel on the '${tf.getBackend()}' backend`);
  const tableSaysComposite = impl === 'auto' && onWebgpu && normImplFor(activeProfile(), x.size) === 'composite';
  if (impl === 'composite' || tableSaysComposite || !hasFused || x.dtype !== 'float32') return channelLayerNormComposite(x, weight, bias, eps);
  return runChannelLayerNormKernel(x, weight, bias, eps);
}
