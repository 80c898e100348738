import { InternalError } from '../../errors';
/**
 * Float64 reference of the 3x3, stride-2, zero-padding-1 convolution (PyTorch Conv2d(k=3, s=2, p=1)), NHWC input
 * [B,H,W,Cin], HWIO filter [3,3,Cin,Cout], bias [Cout] or none. Output [B, ceil(H/2), ceil(W/2), Cout].
 */
export function conv3x3Stride2Reference(
  x: ArrayLike<number>,
  [b, h, w, cin]: readonly [number, number, number, number],
  filter: ArrayLike<number>,
  cout: number,
  bias?: ArrayLike<number>,
): Float64Array {
  if (x.length !== b * h * w * cin || filter.length !== 9 * cin * cout) throw new InternalError('sizes do not match');
  const [oh, ow] = [Math.ceil(h / 2), Math.ceil(w / 2)];
  const out = new Float64Array(b * oh * ow * cout);
  for (let bi = 0; bi < b; bi++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        for (let co = 0; co < cout; co++) {
          let acc = bias ? bias[co] : 0;
          for (let ky = 0; ky < 3; ky++) {
            const iy = oy * 2 - 1 + ky;
            if (iy < 0 || iy >= h) continue;
            for (let kx = 0; kx < 3; kx++) {
              const ix = ox * 2 - 1 + kx;
              if (ix < 0 || ix >= w) continue;
              for (let ci = 0; ci < cin; ci++) acc += x[((bi * h + iy) * w + ix) * cin + ci] * filter[((ky * 3 + kx) * cin + ci) * cout + co];
            }
          }
          out[((bi * oh + oy) * ow + ox) * cout + co] = acc;
        }
      }
    }
  }
  return out;
}
