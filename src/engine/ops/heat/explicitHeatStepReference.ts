import { InternalError } from '../../errors';

/**
 * Float64 reference of HcNet's explicit heat step (the official block's first half, hcnet.ts): for x [B, H, W, C]
 * (NHWC, flat) and logit [B, C], y = x + sigmoid(logit[b, c]) * s * (mean of the in-map 3x3 neighbours - x), 0 step
 * on a 1x1 map (no neighbours). Plain loops.
 */
export function explicitHeatStepReference(
  x: ArrayLike<number>, [b, h, w, c]: readonly [number, number, number, number], logit: ArrayLike<number>, scale: number,
): Float64Array {
  if (x.length !== b * h * w * c || logit.length !== b * c) throw new InternalError(`x needs ${b * h * w * c} values and logit ${b * c}`);
  const out = new Float64Array(x.length);
  const at = (n: number, y: number, xx: number, ch: number) => x[((n * h + y) * w + xx) * c + ch];
  for (let n = 0; n < b; n++) {
    for (let y = 0; y < h; y++) {
      for (let xx = 0; xx < w; xx++) {
        for (let ch = 0; ch < c; ch++) {
          let sum = 0;
          let count = 0;
          for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
              const yy = y + dy;
              const xq = xx + dx;
              if ((dy === 0 && dx === 0) || yy < 0 || yy >= h || xq < 0 || xq >= w) continue;
              sum += at(n, yy, xq, ch);
              count++;
            }
          }
          const centre = at(n, y, xx, ch);
          const alpha = scale / (1 + Math.exp(-logit[n * c + ch]));
          out[((n * h + y) * w + xx) * c + ch] = centre + (count > 0 ? alpha * (sum / count - centre) : 0);
        }
      }
    }
  }
  return out;
}
