// The stem both families share (vHeat's StemLayer, HcNet's patch_embed): conv 3x3 stride 2 to C0/2, norm, exact
// GELU, conv 3x3 stride 2 to C0, norm. Only the norm and the names of its weights differ per family.

import type * as tf from '@tensorflow/tfjs';
import { geluExact } from './activations';
import { conv3x3Stride2 } from './conv';
import type { Norm, ParamStore } from './params';

export interface StemParams {
  conv1: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  norm1: Norm;
  conv2: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  norm2: Norm;
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

/** The stem on x [B,H,W,3] with the family's `norm`. */
export function runStem(x: tf.Tensor4D, s: StemParams, norm: (y: tf.Tensor4D, params: Norm) => tf.Tensor4D): tf.Tensor4D {
  let y = conv3x3Stride2(x, s.conv1.filter, s.conv1.bias);
  y = norm(y, s.norm1);
  y = geluExact(y);
  y = conv3x3Stride2(y, s.conv2.filter, s.conv2.bias);
  return norm(y, s.norm2);
}
