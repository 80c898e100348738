// Plain-TypeScript (float64) version of the fast DCT in heatFastDctProgram.ts: the same plan (fastDctPlan.ts), the same
// load order, stages and post-twiddles, so the WGSL program can be checked step for step against it. (Tried as the
// TypeScript heat kernel's fast path: slower than the portable matMuls at every size measured; the CPU path's fast
// DCT is cpuFastDct.ts, tabled per length and for every side, see heatCpuKernel.ts.)
import { fastDctPlan, makhoulIndex, type FastDctPlan } from './fastDctPlan';

/** Work buffers of one line ([re, im] of length N each), reused by every call (JS is single-threaded here). */
let workRe = new Float64Array(0);
let workIm = new Float64Array(0);

function workBuffers(n: number): [Float64Array, Float64Array] {
  if (workRe.length < n) {
    workRe = new Float64Array(n);
    workIm = new Float64Array(n);
  }
  return [workRe, workIm];
}

/** In-place decimation-in-time FFT of (re, im), already in the plan's load order: one stage per factor. */
export function fftStagesInPlace(plan: FastDctPlan, re: Float64Array, im: Float64Array): void {
  const { n, factors, twiddles } = plan;
  const tRe = new Float64Array(8);
  const tIm = new Float64Array(8);
  let span = 1; // length of the blocks this stage combines
  for (const f of factors) {
    const m = span * f;
    const stride = n / m; // W_m^{jk} = W_N^{jk stride}
    const radixStride = n / f; // W_f^{jq} = W_N^{(jq mod f) radixStride}
    for (let base = 0; base < n; base += m) {
      for (let k = 0; k < span; k++) {
        for (let j = 0; j < f; j++) {
          const at = base + j * span + k;
          const w = 2 * j * k * stride;
          tRe[j] = re[at] * twiddles[w] - im[at] * twiddles[w + 1];
          tIm[j] = re[at] * twiddles[w + 1] + im[at] * twiddles[w];
        }
        for (let q = 0; q < f; q++) {
          let accRe = 0;
          let accIm = 0;
          for (let j = 0; j < f; j++) {
            const w = 2 * ((j * q) % f) * radixStride;
            accRe += tRe[j] * twiddles[w] - tIm[j] * twiddles[w + 1];
            accIm += tRe[j] * twiddles[w + 1] + tIm[j] * twiddles[w];
          }
          re[base + q * span + k] = accRe;
          im[base + q * span + k] = accIm;
        }
      }
    }
    span = m;
  }
}

/**
 * Orthonormal DCT-II (inverse = false: out = D x) or DCT-III (inverse = true: out = D^T x) of the line
 * x[start + i * step], i < n, written to out[outStart + i * outStep]. D = dctMatrix(n); n must be 7-smooth.
 */
export function fastDctLine(
  x: ArrayLike<number>, start: number, step: number,
  out: { [i: number]: number }, outStart: number, outStep: number,
  n: number, inverse: boolean,
): void {
  const plan = fastDctPlan(n);
  const [re, im] = workBuffers(n);
  const { loadOrder, postTwiddles } = plan;
  for (let p = 0; p < n; p++) {
    const src = loadOrder[p];
    if (inverse) {
      const value = x[start + src * step];
      re[p] = value * postTwiddles[2 * src];
      im[p] = value * postTwiddles[2 * src + 1];
    } else {
      re[p] = x[start + makhoulIndex(src, n) * step];
      im[p] = 0;
    }
  }
  fftStagesInPlace(plan, re, im);
  for (let k = 0; k < n; k++) {
    if (inverse) out[outStart + makhoulIndex(k, n) * outStep] = re[k];
    else out[outStart + k * outStep] = re[k] * postTwiddles[2 * k] - im[k] * postTwiddles[2 * k + 1];
  }
}

/**
 * Two real lines a, b (length n) through one complex FFT, as heatFastDctProgram.ts does: [D a, D b] (inverse = false)
 * or [D^T a, D^T b]. Forward: FFT(v_a + i v_b) = V_a + i V_b with V_a, V_b Hermitian (real inputs), so
 * V_a[k] = (Z[k] + conj Z[-k]) / 2 and V_b[k] = (Z[k] - conj Z[-k]) / 2i. Inverse: Re FFT(w X) = FFT(H) with the
 * Hermitian H[k] = (w[k] X[k] + conj(w[-k]) X[-k]) / 2, whose FFT is real: FFT(H_a + i H_b) = x_a + i x_b.
 */
export function fastDctPair(a: ArrayLike<number>, b: ArrayLike<number>, inverse: boolean): [Float64Array, Float64Array] {
  const n = a.length;
  const plan = fastDctPlan(n);
  const [re, im] = workBuffers(n);
  const { loadOrder, postTwiddles: w } = plan;
  for (let p = 0; p < n; p++) {
    const src = loadOrder[p];
    if (inverse) {
      const neg = src === 0 ? 0 : n - src;
      const [a0, a1, b0, b1] = [a[src], a[neg], b[src], b[neg]];
      // H_a = (w[src] a0 + conj(w[neg]) a1) / 2, H_b likewise; the buffer holds H_a + i H_b.
      const haRe = 0.5 * (w[2 * src] * a0 + w[2 * neg] * a1);
      const haIm = 0.5 * (w[2 * src + 1] * a0 - w[2 * neg + 1] * a1);
      const hbRe = 0.5 * (w[2 * src] * b0 + w[2 * neg] * b1);
      const hbIm = 0.5 * (w[2 * src + 1] * b0 - w[2 * neg + 1] * b1);
      re[p] = haRe - hbIm;
      im[p] = haIm + hbRe;
    } else {
      const at = makhoulIndex(src, n);
      re[p] = a[at];
      im[p] = b[at];
    }
  }
  fftStagesInPlace(plan, re, im);
  const outA = new Float64Array(n);
  const outB = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (inverse) {
      outA[makhoulIndex(k, n)] = re[k];
      outB[makhoulIndex(k, n)] = im[k];
      continue;
    }
    const neg = k === 0 ? 0 : n - k;
    const [zRe, zIm, yRe, yIm] = [re[k], im[k], re[neg], im[neg]];
    // V_a = ((zRe + yRe) / 2, (zIm - yIm) / 2), V_b = ((zIm + yIm) / 2, (yRe - zRe) / 2); out = Re(w V).
    outA[k] = 0.5 * (w[2 * k] * (zRe + yRe) - w[2 * k + 1] * (zIm - yIm));
    outB[k] = 0.5 * (w[2 * k] * (zIm + yIm) - w[2 * k + 1] * (yRe - zRe));
  }
  return [outA, outB];
}

/** DCT-II (or, inverse, DCT-III) of a whole float64 vector: a fresh array. */
export function fastDct(x: ArrayLike<number>, inverse = false): Float64Array {
  const out = new Float64Array(x.length);
  fastDctLine(x, 0, 1, out, 0, 1, x.length, inverse);
  return out;
}
