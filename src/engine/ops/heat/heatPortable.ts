import * as tf from '@tensorflow/tfjs';
import { dctMatrix } from './dctBasis';

// Float32 copies of the float64 DCT matrices, per N (CPU memory only; tensors are made per call).
const dctCache = new Map<number, Float32Array>();

/** Orthonormal DCT-II matrix D_N [N,N] (rows = frequencies) as float32 data, cached per N. */
export function dctMatrixF32(n: number): Float32Array {
  let m = dctCache.get(n);
  if (!m) {
    m = Float32Array.from(dctMatrix(n));
    dctCache.set(n, m);
  }
  return m;
}

/** DCT-II (inverse = false) or its inverse along H (axis 1) of x [B,H,W,C]: a matMul by D_H or D_H^T. */
function transformH(x: tf.Tensor4D, d: tf.Tensor2D, inverse: boolean): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const planes = tf.reshape(x, [b, h, w * c]) as tf.Tensor3D;
  const mat = tf.expandDims(d, 0) as tf.Tensor3D; // [1,H,H], broadcast over the batch
  return tf.reshape(tf.matMul(mat, planes, inverse, false), [b, h, w, c]);
}

/** DCT-II or its inverse along W (axis 2) of x [B,H,W,C]. */
function transformW(x: tf.Tensor4D, d: tf.Tensor2D, inverse: boolean): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const rows = tf.reshape(x, [b * h, w, c]) as tf.Tensor3D;
  const mat = tf.expandDims(d, 0) as tf.Tensor3D;
  return tf.reshape(tf.matMul(mat, rows, inverse, false), [b, h, w, c]);
}

/** DCT_HW(x) of x [B,H,W,C] with tfjs ops (any backend). */
export function dctHW(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = x.shape;
  return tf.tidy(() => {
    const dh = tf.tensor2d(dctMatrixF32(h), [h, h]);
    const dw = h === w ? dh : tf.tensor2d(dctMatrixF32(w), [w, w]);
    return transformW(transformH(x, dh, false), dw, false);
  });
}

/**
 * The heat operator with tfjs ops only (matMul by the cosine matrices): works on every backend and is
 * differentiable by tfjs itself (w.r.t. phi and rate).
 */
export function heatConductionPortable(phi: tf.Tensor4D, rate: tf.Tensor3D, scale: number): tf.Tensor4D {
  const [, h, w] = phi.shape;
  return tf.tidy(() => {
    const dh = tf.tensor2d(dctMatrixF32(h), [h, h]);
    const dw = h === w ? dh : tf.tensor2d(dctMatrixF32(w), [w, w]);
    const coeffs = transformW(transformH(phi, dh, false), dw, false);
    const decay = tf.exp(tf.mul(rate, -scale)); // [H,W,C] broadcasts over B
    const decayed = tf.mul(coeffs, decay) as tf.Tensor4D;
    return transformH(transformW(decayed, dw, true), dh, true);
  });
}
