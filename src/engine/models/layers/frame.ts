// The layers around the blocks that both families share: the stem (vHeat's StemLayer, HcNet's patch_embed: conv
// 3x3 stride 2 to C0/2, norm, exact GELU, conv 3x3 stride 2 to C0, norm), the downsamplers between stages (conv
// 3x3 stride 2 without bias, norm) and the head (norm, spatial mean, linear). Only the norm (vHeat: LayerNorm over
// channels; HcNet: GroupNorm with one group) and the names of the weights differ per family.

import type * as tf from '@tensorflow/tfjs';
import { spatialMean } from '../../ops/pool/spatialMean';
import { geluExact } from './activations';
import { conv3x3Stride2, pointwise } from './conv';
import type { Dense, Norm, ParamStore } from './params';

/** A family's norm over the channels of x [B,H,W,C] with the given weights. */
export type ChannelNorm = (x: tf.Tensor4D, params: Norm) => tf.Tensor4D;

interface Conv {
  filter: tf.Tensor4D;
  bias: tf.Tensor1D;
}

export interface StemParams {
  conv1: Conv;
  norm1: Norm;
  conv2: Conv;
  norm2: Norm;
}

export interface DownsampleParams extends Conv {
  norm: Norm;
}

export interface HeadParams {
  norm: Norm;
  linear: Dense;
}

/** The stem's weights, `patch_embed.conv1`/`conv2` and the norms named by `normPrefix(1)` and `normPrefix(2)`. */
export function stemParams(p: ParamStore, normPrefix: (index: 1 | 2) => string): StemParams {
  return {
    conv1: p.biasedConv('patch_embed.conv1'),
    norm1: p.norm(normPrefix(1)),
    conv2: p.biasedConv('patch_embed.conv2'),
    norm2: p.norm(normPrefix(2)),
  };
}

/** The stem on x [B,H,W,3]. */
export function runStem(x: tf.Tensor4D, s: StemParams, norm: ChannelNorm): tf.Tensor4D {
  let y = conv3x3Stride2(x, s.conv1.filter, s.conv1.bias);
  y = norm(y, s.norm1);
  y = geluExact(y);
  y = conv3x3Stride2(y, s.conv2.filter, s.conv2.bias);
  return norm(y, s.norm2);
}

/** The downsamplers after stages 0..stages-2: the conv weight `convName(i)`, the norm `normPrefix(i)`. */
export function downsampleParams(p: ParamStore, stages: number, convName: (stage: number) => string, normPrefix: (stage: number) => string): DownsampleParams[] {
  return Array.from({ length: stages - 1 }, (_, i) => ({ ...p.unbiasedConv(convName(i)), norm: p.norm(normPrefix(i)) }));
}

/** A downsampler on x [B,H,W,C]: [B,ceil(H/2),ceil(W/2),C']. */
export function runDownsample(x: tf.Tensor4D, d: DownsampleParams, norm: ChannelNorm): tf.Tensor4D {
  return norm(conv3x3Stride2(x, d.filter, d.bias), d.norm);
}

/** The head on the last stage's output x [B,H,W,C]: logits [B,classes]. */
export function runHead(x: tf.Tensor4D, h: HeadParams, norm: ChannelNorm): tf.Tensor2D {
  return pointwise(spatialMean(norm(x, h.norm)), h.linear.weight, h.linear.bias);
}
