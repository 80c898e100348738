import type { DenseActivation } from './denseProgram';
import { InternalError } from '../../errors';

/**
 * erf in float64: its Maclaurin series for |z| < 3 (terms peak near e^9, so ~1e-12 absolute after cancellation)
 * and the continued fraction of erfc for |z| >= 3 (converged to ~1e-16 with 60 terms there).
 */
export function erf64(z: number): number {
  const a = Math.abs(z);
  if (a < 3) {
    let term = a;
    let sum = a;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-a * a) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(z) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(a) = exp(-a^2)/sqrt(pi) * 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + 2/(a + ...)))))
  let frac = a;
  for (let k = 60; k >= 1; k--) frac = a + k / 2 / frac;
  const erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / frac;
  return Math.sign(z) * (1 - erfc);
}

/** act(x [M,K] @ weight [K,N] + bias [N]) in float64, plain loops; 'gelu' is the exact erf GELU. */
export function denseReference(
  x: ArrayLike<number>,
  weight: ArrayLike<number>,
  bias: ArrayLike<number>,
  [m, k, n]: readonly [number, number, number],
  activation: DenseActivation,
): Float64Array {
  if (x.length !== m * k || weight.length !== k * n || bias.length !== n) throw new InternalError(`sizes do not match [${m},${k}] @ [${k},${n}] + [${n}]`);
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = bias[j];
      for (let t = 0; t < k; t++) acc += x[i * k + t] * weight[t * n + j];
      out[i * n + j] = activation === 'gelu' ? 0.5 * acc * (1 + erf64(acc / Math.SQRT2)) : acc;
    }
  }
  return out;
}
