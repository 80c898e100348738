// Stability of HcNet's explicit heat step, x <- x + alpha * lap(x), repeated with a fixed alpha.
//
// The step (official HcNet): s = sum of the 8 neighbours inside the map (zero padding), n = their
// count (8 inside, 5 on edges, 3 in corners), lap = s / n - x. With A the adjacency of the 8-neighbour
// (king's move) grid graph and D = diag(n): lap = (D^-1 A - I) x, so one step is M = I + alpha (P - I)
// with P = D^-1 A, the random-walk matrix. P = D^-1/2 S D^1/2 with S = D^-1/2 A D^-1/2 symmetric, so
// P has real eigenvalues mu in [mu_min, 1] (mu = 1: constants) and is diagonalisable. Each eigenmode
// is multiplied by 1 - alpha (1 - mu) per step, so for alpha >= 0 the step is stable (no mode grows)
// iff  alpha <= alpha_max = 2 / (1 - mu_min),  and the worst growth per step is
// rho = max(1, alpha (1 - mu_min) - 1). In the D-weighted norm ||x||_D^2 = x^T D x the step is
// symmetric, so below the bound that norm never increases.
//   - mu_min >= -1 always (P is stochastic), so alpha <= 1 is always stable: HcNet's sigmoid alpha is safe.
//   - On the infinite grid the symbol of P is ((1 + 2cos a)(1 + 2cos b) - 1) / 8, minimal at (a, b) = (pi, 0):
//     mu_min = -1/2 and alpha_max = 4/3 (a mode alternating along one axis, constant along the other).
//   - Edges (5 neighbours) pull mu_min slightly below -1/2 on a finite grid (about -0.52 from 28x28 up,
//     alpha_max about 1.31), a single row or column is a bipartite path (mu_min = -1, alpha_max = 1),
//     and 2x2 gives mu_min = -1/3 (alpha_max = 1.5). mu_min is computed per map size by Lanczos.

import { AnalysisInputError } from './errors';
import { symmetricEigen } from './symmetricEigen';

function checkSize(h: number, w: number): void {
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 1 || w < 1 || h * w < 2) {
    throw new AnalysisInputError(`HcNet stencil: bad map size ${h}x${w} (needs at least 2 pixels)`);
  }
}

/** Number of 8-neighbours inside an h x w map at each pixel (the official `mean_num` buffer). */
export function neighbourCounts(h: number, w: number): Float64Array {
  const out = new Float64Array(h * w);
  for (let y = 0; y < h; y++) {
    const rows = Math.min(h - 1, y + 1) - Math.max(0, y - 1) + 1;
    for (let x = 0; x < w; x++) {
      const cols = Math.min(w - 1, x + 1) - Math.max(0, x - 1) + 1;
      out[y * w + x] = rows * cols - 1;
    }
  }
  return out;
}

/** Sum of the 8 neighbours inside the map, zero outside (avgpool3x3 * 9 - x). */
export function neighbourSum(x: ArrayLike<number>, h: number, w: number, out: Float64Array = new Float64Array(h * w)): Float64Array {
  for (let y = 0; y < h; y++) {
    for (let c = 0; c < w; c++) {
      let s = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = c + dx;
          if ((dy === 0 && dx === 0) || xx < 0 || xx >= w) continue;
          s += x[yy * w + xx];
        }
      }
      out[y * w + c] = s;
    }
  }
  return out;
}

/** One explicit step x + alpha (s / n - x) of a single h x w channel (float64 reference). */
export function explicitHeatStep(x: ArrayLike<number>, h: number, w: number, alpha: number): Float64Array {
  checkSize(h, w);
  const counts = neighbourCounts(h, w);
  const s = neighbourSum(x, h, w);
  const out = new Float64Array(h * w);
  for (let i = 0; i < h * w; i++) out[i] = x[i] + alpha * (s[i] / counts[i] - x[i]);
  return out;
}

/**
 * mu_min, the smallest eigenvalue of P = D^-1 A on an h x w map: Lanczos with full
 * re-orthogonalisation on S = D^-1/2 A D^-1/2 from a fixed pseudo-random start (not symmetric under
 * the grid's reflections, so no eigenvector is missed for symmetry), then Jacobi on the tridiagonal.
 * Exact (to rounding) when h*w <= steps; otherwise the lowest Ritz value, which lies at or above the
 * true mu_min and converges fast at the spectrum's end.
 */
export function smallestStencilEigenvalue(h: number, w: number, steps = 160): number {
  checkSize(h, w);
  const n = h * w;
  const m = Math.min(n, steps);
  const counts = neighbourCounts(h, w);
  const invSqrt = counts.map((c) => 1 / Math.sqrt(c));
  const tmp = new Float64Array(n);
  const applyS = (x: Float64Array, y: Float64Array): void => {
    for (let i = 0; i < n; i++) tmp[i] = x[i] * invSqrt[i];
    neighbourSum(tmp, h, w, y);
    for (let i = 0; i < n; i++) y[i] *= invSqrt[i];
  };
  const basis: Float64Array[] = [];
  const alphas: number[] = [];
  const betas: number[] = [];
  let v = new Float64Array(n);
  let state = 2463534242;
  for (let i = 0; i < n; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    v[i] = (state >>> 0) / 4294967296 - 0.5;
  }
  let norm = 0;
  for (let i = 0; i < n; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm);
  for (let i = 0; i < n; i++) v[i] /= norm;
  const wv = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    basis.push(v);
    applyS(v, wv);
    let a = 0;
    for (let i = 0; i < n; i++) a += wv[i] * v[i];
    alphas.push(a);
    // Full re-orthogonalisation against every previous vector (twice): keeps the Ritz values clean.
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        let d = 0;
        for (let i = 0; i < n; i++) d += wv[i] * b[i];
        for (let i = 0; i < n; i++) wv[i] -= d * b[i];
      }
    }
    norm = 0;
    for (let i = 0; i < n; i++) norm += wv[i] * wv[i];
    norm = Math.sqrt(norm);
    if (j === m - 1 || norm < 1e-12) break; // invariant subspace found: the tridiagonal is exact
    betas.push(norm);
    v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = wv[i] / norm;
  }
  const k = alphas.length;
  const t = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    t[i * k + i] = alphas[i];
    if (i + 1 < k) {
      t[i * k + i + 1] = betas[i];
      t[(i + 1) * k + i] = betas[i];
    }
  }
  const { values } = symmetricEigen(t, k);
  return values[k - 1];
}

export interface ExplicitStepBound {
  h: number;
  w: number;
  /** Smallest eigenvalue of the random-walk matrix D^-1 A of this map size. */
  muMin: number;
  /** Largest stable alpha: 2 / (1 - muMin). */
  alphaMax: number;
}

/** mu_min per map size: Lanczos costs ~1 s at 56 x 56 in plain JS and the answer never changes. */
const muMinCache = new Map<string, number>();

/** The stability bound on alpha for an h x w map (see the derivation at the top of this file). */
export function explicitStepBound(h: number, w: number): ExplicitStepBound {
  const key = `${h}x${w}`;
  let muMin = muMinCache.get(key);
  if (muMin === undefined) {
    muMin = smallestStencilEigenvalue(h, w);
    muMinCache.set(key, muMin);
  }
  return { h, w, muMin, alphaMax: 2 / (1 - muMin) };
}

export interface StabilityReport extends ExplicitStepBound {
  /** Per channel: how far alpha_c may be scaled up before the step turns unstable (alphaMax / alpha_c). */
  criticalScale: Float64Array;
  /** Smallest of criticalScale: the diffusivity factor at which the first channel turns unstable. */
  firstUnstableScale: number;
  /** Per channel: worst amplification per step at the given alpha, max(1, alpha_c (1 - muMin) - 1). */
  growthPerStep: Float64Array;
  /** Channels whose alpha exceeds alphaMax. */
  unstableChannels: number[];
}

/** Stability of stepping with per-channel alpha (already scaled; each >= 0) on an h x w map. */
export function explicitStepStability(alpha: ArrayLike<number>, h: number, w: number): StabilityReport {
  const bound = explicitStepBound(h, w);
  const c = alpha.length;
  const criticalScale = new Float64Array(c);
  const growthPerStep = new Float64Array(c);
  const unstableChannels: number[] = [];
  let firstUnstableScale = Infinity;
  for (let i = 0; i < c; i++) {
    const a = alpha[i];
    if (!(a >= 0) || !Number.isFinite(a)) throw new AnalysisInputError(`HcNet stability: alpha[${i}] = ${a} is not finite and >= 0`);
    criticalScale[i] = a > 0 ? bound.alphaMax / a : Infinity;
    firstUnstableScale = Math.min(firstUnstableScale, criticalScale[i]);
    growthPerStep[i] = Math.max(1, a * (1 - bound.muMin) - 1);
    if (a > bound.alphaMax) unstableChannels.push(i);
  }
  return { ...bound, criticalScale, firstUnstableScale, growthPerStep, unstableChannels };
}
