// Plain-TypeScript (float64) version of the fast DCT in heatFastDctProgram.ts: the same plan (fastDctPlan.ts), the same
// load order, stages and post-twiddles, so the WGSL program can be checked step for step against it. (Tried as the
// TypeScript heat kernel's fast path: slower than the portable matMuls at every size measured, see heatCpuKernel.ts.)
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

/** DCT-II (or, inverse, DCT-III) of a whole float64 vector: a fresh array. */
export function fastDct(x: ArrayLike<number>, inverse = false): Float64Array {
  const out = new Float64Array(x.length);
  fastDctLine(x, 0, 1, out, 0, 1, x.length, inverse);
  return out;
}
