// PyTorch -> tfjs weight layouts, converted once at build time (plain arrays, no tensors).

import type { NamedTensor } from '../../config';
import { InternalError } from '../../errors';

/** Conv weight OIHW (PyTorch) -> HWIO (tfjs conv2d filter). */
export function oihwToHwio(t: NamedTensor): { data: Float32Array; shape: [number, number, number, number] } {
  const [o, i, h, w] = t.shape;
  const out = new Float32Array(o * i * h * w);
  for (let oo = 0; oo < o; oo++)
    for (let ii = 0; ii < i; ii++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) out[((y * w + x) * i + ii) * o + oo] = t.data[((oo * i + ii) * h + y) * w + x];
  return { data: out, shape: [h, w, i, o] };
}

/** Depthwise conv weight (C,1,kh,kw) -> tfjs depthwise filter [kh,kw,C,1]. */
export function depthwiseToHwc1(t: NamedTensor): { data: Float32Array; shape: [number, number, number, number] } {
  const [c, one, h, w] = t.shape;
  if (one !== 1) throw new InternalError(`depthwise weight must be (C,1,kh,kw), got (${t.shape.join(',')})`);
  const out = new Float32Array(c * h * w);
  for (let cc = 0; cc < c; cc++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[(y * w + x) * c + cc] = t.data[(cc * h + y) * w + x];
  return { data: out, shape: [h, w, c, 1] };
}

/** Linear weight (out,in) or 1x1 conv weight (out,in,1,1) -> matrix [in,out] for x[.., in] @ W. */
export function outInToInOut(t: NamedTensor): { data: Float32Array; shape: [number, number] } {
  const [o, i] = t.shape;
  if (t.shape.length === 4 && (t.shape[2] !== 1 || t.shape[3] !== 1)) throw new InternalError(`expected a 1x1 conv weight, got (${t.shape.join(',')})`);
  const out = new Float32Array(o * i);
  for (let oo = 0; oo < o; oo++) for (let ii = 0; ii < i; ii++) out[ii * o + oo] = t.data[oo * i + ii];
  return { data: out, shape: [i, o] };
}
