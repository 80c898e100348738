import { dctMatrix } from './dctBasis';
import { InternalError } from '../../errors';

/**
 * Float64 reference of the heat-conduction operator, plain loops (no tfjs), for tests.
 *
 * phi is NHWC [B,H,W,C] row-major, rate is [H,W,C] row-major. Returns
 * IDCT_HW( DCT_HW(phi) * exp(-scale * rate) ) with the orthonormal DCT-II of dctBasis.ts, per axis.
 */
export function heatReference(
  phi: ArrayLike<number>,
  shape: readonly [number, number, number, number],
  rate: ArrayLike<number>,
  scale: number,
): Float64Array {
  const [b, h, w, c] = shape;
  if (phi.length !== b * h * w * c) throw new InternalError(`phi has ${phi.length} values, shape ${shape.join('x')} needs ${b * h * w * c}`);
  if (rate.length !== h * w * c) throw new InternalError(`rate has ${rate.length} values, needs ${h * w * c}`);
  const dh = dctMatrix(h);
  const dw = dctMatrix(w);
  const out = new Float64Array(b * h * w * c);
  const plane = new Float64Array(h * w);
  const tmp = new Float64Array(h * w);
  for (let bi = 0; bi < b; bi++) {
    for (let ci = 0; ci < c; ci++) {
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) plane[y * w + x] = phi[((bi * h + y) * w + x) * c + ci];
      // Forward along H: tmp[n, x] = sum_y D_H[n, y] plane[y, x].
      for (let n = 0; n < h; n++) {
        for (let x = 0; x < w; x++) {
          let acc = 0;
          for (let y = 0; y < h; y++) acc += dh[n * h + y] * plane[y * w + x];
          tmp[n * w + x] = acc;
        }
      }
      // Forward along W and decay: plane[n, m] = exp(-s rate) * sum_x D_W[m, x] tmp[n, x].
      for (let n = 0; n < h; n++) {
        for (let m = 0; m < w; m++) {
          let acc = 0;
          for (let x = 0; x < w; x++) acc += dw[m * w + x] * tmp[n * w + x];
          plane[n * w + m] = acc * Math.exp(-scale * rate[(n * w + m) * c + ci]);
        }
      }
      // Inverse along W: tmp[n, x] = sum_m D_W[m, x] plane[n, m].
      for (let n = 0; n < h; n++) {
        for (let x = 0; x < w; x++) {
          let acc = 0;
          for (let m = 0; m < w; m++) acc += dw[m * w + x] * plane[n * w + m];
          tmp[n * w + x] = acc;
        }
      }
      // Inverse along H: out[y, x] = sum_n D_H[n, y] tmp[n, x].
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          let acc = 0;
          for (let n = 0; n < h; n++) acc += dh[n * h + y] * tmp[n * w + x];
          out[((bi * h + y) * w + x) * c + ci] = acc;
        }
      }
    }
  }
  return out;
}
