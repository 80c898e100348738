// Multi-head softmax self-attention on tfjs ops (NHWC maps as token grids): over all tokens of a map (the ViT
// rival's mixer, O(N^2) in tokens N = H*W) or within non-overlapping square windows (Swin's mixer, O(N) for a
// fixed window). Plain tfjs ops, so any backend runs it and tf.grad goes through it (the ERF needs that).

import * as tf from '@tensorflow/tfjs';
import { EngineStateError } from '../../errors';
import { pointwise } from './conv';
import type { Dense } from './params';

/** The four Linears of an attention layer: q, k and v (the chunks of a qkv Linear) and the output projection. */
export interface AttentionParams {
  q: Dense;
  k: Dense;
  v: Dense;
  proj: Dense;
}

/** [G,N,C] tokens -> [G*heads,N,C/heads]: channel h*d..(h+1)*d-1 is head h (PyTorch's reshape(.., heads, d)). */
function splitHeads(t: tf.Tensor3D, heads: number): tf.Tensor3D {
  const [g, n, c] = t.shape;
  const d = c / heads;
  if (heads === 1) return t;
  return tf.reshape(tf.transpose(tf.reshape(t, [g, n, heads, d]), [0, 2, 1, 3]), [g * heads, n, d]);
}

function mergeHeads(t: tf.Tensor3D, heads: number): tf.Tensor3D {
  const [gh, n, d] = t.shape;
  if (heads === 1) return t;
  return tf.reshape(tf.transpose(tf.reshape(t, [gh / heads, heads, n, d]), [0, 2, 1, 3]), [gh / heads, n, heads * d]);
}

/**
 * Attention within each group of tokens: x [G,N,C] -> [G,N,C], softmax(q k^T / sqrt(d)) v per head, then proj.
 * Cost: G * heads * N^2 * d multiply-adds for the scores and as many for the weighted sum.
 */
export function groupedAttention(x: tf.Tensor3D, p: AttentionParams, heads: number): tf.Tensor3D {
  const c = x.shape[2];
  if (!Number.isInteger(heads) || heads < 1 || c % heads !== 0) {
    throw new EngineStateError('attention', `${c} channels do not split into ${heads} heads`);
  }
  return tf.tidy(() => {
    const d = c / heads;
    const q = splitHeads(pointwise(x, p.q.weight, p.q.bias), heads);
    const k = splitHeads(pointwise(x, p.k.weight, p.k.bias), heads);
    const v = splitHeads(pointwise(x, p.v.weight, p.v.bias), heads);
    const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(d));
    const mixed = mergeHeads(tf.matMul(tf.softmax(scores), v), heads);
    return pointwise(mixed, p.proj.weight, p.proj.bias);
  });
}

/** Global attention over all H*W tokens of x [B,H,W,C]. */
export function globalAttention(x: tf.Tensor4D, p: AttentionParams, heads: number): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  return tf.tidy(() => tf.reshape(groupedAttention(tf.reshape(x, [b, h * w, c]), p, heads), [b, h, w, c]));
}

/**
 * Attention within non-overlapping window x window squares of x [B,H,W,C] (Swin's W-MSA without the shift and the
 * relative position bias: the cost is the same). H and W must be multiples of the window.
 */
export function windowAttention(x: tf.Tensor4D, p: AttentionParams, heads: number, window: number): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  if (!Number.isInteger(window) || window < 1 || h % window !== 0 || w % window !== 0) {
    throw new EngineStateError('window attention', `a ${h}x${w} map does not tile into ${window}x${window} windows`);
  }
  const rows = h / window;
  const cols = w / window;
  return tf.tidy(() => {
    // [B,rows,win,cols,win,C] -> [B,rows,cols,win,win,C]: windows as groups, in two rank-5 transposes.
    const byRow = tf.reshape(x, [b * rows, window, cols, window, c]);
    const windows = tf.reshape(tf.transpose(byRow, [0, 2, 1, 3, 4]), [b * rows * cols, window * window, c]);
    const mixed = groupedAttention(windows as tf.Tensor3D, p, heads);
    const back = tf.transpose(tf.reshape(mixed, [b * rows, cols, window, window, c]), [0, 2, 1, 3, 4]);
    return tf.reshape(back, [b, h, w, c]);
  });
}
