// The plan of the fast orthonormal DCT-II / DCT-III of length N (heatFastDctProgram.ts in WGSL, fastDctReference.ts
// in TypeScript): Makhoul's reordering plus one complex mixed-radix FFT of length N, O(N log N) per line.
//
// Forward (DCT-II, X = D x with D = dctMatrix(N)):
//   v[k] = x[makhoulIndex(k)]  (even samples ascending, then odd samples descending),
//   V = FFT_N(v),  X[n] = Re(w[n] V[n])  with  w[n] = s_n e^{-i pi n / 2N},  s_0 = sqrt(1/N), s_n = sqrt(2/N).
// Inverse (DCT-III, x = D^T X): the same FFT on Z[n] = w[n] X[n] (a real X times w), then
//   x[makhoulIndex(k)] = Re(FFT_N(Z)[k])   (D^T X = Re of the unnormalised inverse DFT of conj(Z), whose real part
//   equals the real part of the forward DFT of Z).
//
// The FFT is in-place decimation in time: the input is loaded in digit-reversed order (digitReversal), then one stage
// per factor f of N combines f adjacent blocks of length m/f into one of length m with twiddles W_m^{jk}.
// N must factor into 2, 3, 4, 5 and 7 (fastDctSupported); other sides use the matrix passes.
import { InternalError } from '../../errors';

/** Radices of the FFT stages, largest power of two first (radix 4 does two radix-2 stages with fewer twiddles). */
const RADICES = [4, 2, 3, 5, 7] as const;

/** The factors of n over RADICES (stage order), or null when n has another prime factor. n = 1 gives []. */
export function fastDctFactors(n: number): number[] | null {
  if (!(Number.isInteger(n) && n >= 1)) throw new InternalError(`fastDctFactors: bad length ${n}`);
  const factors: number[] = [];
  let rest = n;
  for (const r of RADICES) {
    while (rest % r === 0) {
      factors.push(r);
      rest /= r;
    }
  }
  return rest === 1 ? factors : null;
}

/** Whether the fast transform handles length n (7-smooth). */
export function fastDctSupported(n: number): boolean {
  return fastDctFactors(n) !== null;
}

/** Position in x of the k-th Makhoul sample v[k]: x[2k] for k < ceil(N/2), else x[2(N-1-k)+1]. */
export function makhoulIndex(k: number, n: number): number {
  return k < (n + 1) >> 1 ? 2 * k : 2 * (n - 1 - k) + 1;
}

/**
 * Decimation-in-time load order: the FFT buffer's position p holds input index digitReversal[p]. With p's digits
 * j_{L-1} ... j_0 (most significant first, base factors[L-1] ... factors[0]) the index is
 * j_{L-1} + f_{L-1} (j_{L-2} + f_{L-2} (... + f_1 j_0)).
 */
export function digitReversal(factors: readonly number[]): Int32Array {
  const n = factors.reduce((a, f) => a * f, 1);
  const out = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    let rest = p;
    let index = 0;
    for (const f of factors) {
      index = index * f + (rest % f);
      rest = Math.floor(rest / f);
    }
    out[p] = index;
  }
  return out;
}

/** One length's tables, float64 (the WGSL program rounds them to float32 once). */
export interface FastDctPlan {
  n: number;
  factors: number[];
  /** digitReversal(factors). */
  loadOrder: Int32Array;
  /** W_N^k = e^{-2 pi i k / N}: [re, im] pairs, k < N. */
  twiddles: Float64Array;
  /** w[n] = s_n e^{-i pi n / 2N} (orthonormal row scale of dctMatrix included): [re, im] pairs, n < N. */
  postTwiddles: Float64Array;
}

const plans = new Map<number, FastDctPlan>();

/** The plan of length n, computed once per n and shared (callers must not write to it). Throws if unsupported. */
export function fastDctPlan(n: number): FastDctPlan {
  let plan = plans.get(n);
  if (plan) return plan;
  const factors = fastDctFactors(n);
  if (!factors) throw new InternalError(`fastDctPlan: length ${n} has a prime factor above 7 (use the matrix passes)`);
  const twiddles = new Float64Array(2 * n);
  const postTwiddles = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const angle = (2 * Math.PI * k) / n;
    twiddles[2 * k] = Math.cos(angle);
    twiddles[2 * k + 1] = -Math.sin(angle);
    const scale = Math.sqrt((k === 0 ? 1 : 2) / n);
    const half = (Math.PI * k) / (2 * n);
    postTwiddles[2 * k] = scale * Math.cos(half);
    postTwiddles[2 * k + 1] = -scale * Math.sin(half);
  }
  plan = { n, factors, loadOrder: digitReversal(factors), twiddles, postTwiddles };
  plans.set(n, plan);
  return plan;
}
