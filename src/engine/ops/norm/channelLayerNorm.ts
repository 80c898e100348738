import * as tf from '@tensorflow/tfjs';
import { activeProfile, normImplFor } from '../../backend/kernelChoice';
import { runsKernel, type OpImpl } from '../defineKernel';
import { channelLayerNormKernel } from './channelLayerNormKernel';
import { InternalError } from '../../errors';

/** LayerNorm over C with tfjs ops (tf.moments + elementwise): any backend, differentiable. */
export function channelLayerNormTfjs(x: tf.Tensor4D, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number): tf.Tensor4D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(normed, weight), bias) as tf.Tensor4D;
  });
}

/**
 * LayerNorm over the channel axis only, per pixel, of x [B,H,W,C] (PyTorch LayerNorm on channels-last /
 * LayerNorm2d): (x - mean_C) / sqrt(var_C + eps) * weight + bias, biased variance. 'auto': the kernel (WGSL on
 * 'webgpu', one TypeScript pass on 'wasm' and 'cpu'), tfjs ops elsewhere. Differentiable on both paths.
 */
export function channelLayerNorm(x: tf.Tensor4D, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number, impl: OpImpl = 'auto'): tf.Tensor4D {
  const c = x.shape[3];
  if (x.rank !== 4 || weight.shape[0] !== c || bias.shape[0] !== c) {
    throw new InternalError(`channelLayerNorm: x [${x.shape}] needs weight and bias of [${c}], got [${weight.shape}] and [${bias.shape}]`);
  }
  if (!(Number.isFinite(eps) && eps >= 0)) throw new InternalError(`channelLayerNorm: eps must be finite and >= 0, got ${eps}`);
  // 'auto' on WebGPU: the kernel-choice table's pick for the adapter and size (the WGSL kernel or tfjs ops).
  const tablePicksTfjs = impl === 'auto' && tf.getBackend() === 'webgpu' && normImplFor(activeProfile(), x.size) === 'tfjs';
  if (tablePicksTfjs || !runsKernel('channelLayerNorm', impl, channelLayerNormKernel, x.dtype)) return channelLayerNormTfjs(x, weight, bias, eps);
  return channelLayerNormKernel.run({ x, weight, bias }, { eps });
}
