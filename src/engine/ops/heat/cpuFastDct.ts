// The CPU path's fast orthonormal DCT-II / DCT-III (float64, plain TypeScript) for lines of any length, O(N log N) per
// line; the heat operator on it (O(H W (log H + log W)) per plane instead of the matrix products' O(H W (H + W))) is
// cpuHeatFast.ts.
// Each transform is Makhoul's reordering plus one complex FFT of length N (cpuFft.ts: mixed radix for 7-smooth N,
// Bluestein's chirp-z for every other N), with two real lines through one complex FFT: the pair algebra of
// fastDctReference.ts (fastDctPair), which heatFastDctProgram.ts runs in WGSL. fastDctPlan.ts documents the math.
// Work buffers are float64: a copy of the first heat operator with Float32Array buffers was x1.02 (768x1024x3) to
// x1.11 (224x224x3) as fast in one Node 20 run (load ~12) and 7x less accurate (2.4e-7 against 3.4e-8 relative to
// the float64 reference).
import { complexFft, type ComplexFft } from './cpuFft';
import { makhoulIndex } from './fastDctPlan';

/** One length's tables and work buffers. */
export interface CpuDctPlan {
  n: number;
  fft: ComplexFft;
  /** makhoulIndex(k, n), k < n. */
  makhoul: Int32Array;
  /** Forward load: the FFT buffer's position p takes x[gather[p]] (Makhoul's order, then the FFT's slots). */
  gather: Int32Array;
  /** fft.slot. */
  slot: Int32Array;
  /** w[k] = s_k e^{-i pi k / 2N} with the orthonormal scale s_k: [re, im] pairs. */
  post: Float64Array;
  re: Float64Array;
  im: Float64Array;
  /** A second pair of FFT buffers (cpuHeatFast.ts: the inverse's input while the forward's output is read). */
  re2: Float64Array;
  im2: Float64Array;
}

const plans = new Map<number, CpuDctPlan>();

/** The plan of length n (>= 1), built once and shared (it owns work buffers: JS is single-threaded here). */
export function cpuDctPlan(n: number): CpuDctPlan {
  let plan = plans.get(n);
  if (plan) return plan;
  const makhoul = new Int32Array(n);
  const post = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    makhoul[k] = makhoulIndex(k, n);
    const scale = Math.sqrt((k === 0 ? 1 : 2) / n);
    const half = (Math.PI * k) / (2 * n);
    post[2 * k] = scale * Math.cos(half);
    post[2 * k + 1] = -scale * Math.sin(half);
  }
  const fft = complexFft(n);
  const gather = new Int32Array(n);
  for (let k = 0; k < n; k++) gather[fft.slot[k]] = makhoul[k];
  plan = { n, fft, makhoul, gather, slot: fft.slot, post, re: new Float64Array(n), im: new Float64Array(n), re2: new Float64Array(n), im2: new Float64Array(n) };
  plans.set(n, plan);
  return plan;
}

/**
 * The inverse's load: the plan's FFT buffers (at their slots) take H_a + i H_b for the DCT-III of the spectra
 * X_a[k] = buf[a + k stride] and X_b[k] = buf[b + k stride], k < n (b < 0: a alone),
 * H[k] = (w[k] X[k] + conj(w[-k]) X[-k]) / 2 (Hermitian): k and -k from the same four loads.
 */
export function dctInverseLoad(plan: CpuDctPlan, buf: Float64Array, a: number, b: number, stride = 1): void {
  const { n, slot, post: w, re, im } = plan;
  for (let k = 0; k <= n >> 1; k++) {
    const neg = k === 0 ? 0 : n - k;
    const a0 = buf[a + k * stride];
    const a1 = buf[a + neg * stride];
    const b0 = b >= 0 ? buf[b + k * stride] : 0;
    const b1 = b >= 0 ? buf[b + neg * stride] : 0;
    const wkr = w[2 * k];
    const wki = w[2 * k + 1];
    const wnr = w[2 * neg];
    const wni = w[2 * neg + 1];
    re[slot[k]] = 0.5 * (wkr * a0 + wnr * a1) - 0.5 * (wki * b0 - wni * b1);
    im[slot[k]] = 0.5 * (wki * a0 - wni * a1) + 0.5 * (wkr * b0 + wnr * b1);
    re[slot[neg]] = 0.5 * (wnr * a1 + wkr * a0) - 0.5 * (wni * b1 - wki * b0);
    im[slot[neg]] = 0.5 * (wni * a1 - wki * a0) + 0.5 * (wnr * b1 + wkr * b0);
  }
}

/**
 * The forward's store: from Z = FFT(v_a + i v_b) in the plan's buffers, the DCT-II of the two lines into
 * buf[a + k stride] and buf[b + k stride], k < n (b < 0: a alone). V_a[k] = (Z[k] + conj Z[-k]) / 2,
 * V_b[k] = (Z[k] - conj Z[-k]) / 2i; out = Re(w V): k and -k from the same four loads.
 */
export function dctForwardStore(plan: CpuDctPlan, buf: Float64Array, a: number, b: number, stride = 1): void {
  const { n, post: w, re, im } = plan;
  for (let k = 0; k <= n >> 1; k++) {
    const neg = k === 0 ? 0 : n - k;
    const zRe = re[k];
    const zIm = im[k];
    const yRe = re[neg];
    const yIm = im[neg];
    const wkr = w[2 * k];
    const wki = w[2 * k + 1];
    const wnr = w[2 * neg];
    const wni = w[2 * neg + 1];
    buf[a + k * stride] = 0.5 * (wkr * (zRe + yRe) - wki * (zIm - yIm));
    buf[a + neg * stride] = 0.5 * (wnr * (yRe + zRe) - wni * (yIm - zIm));
    if (b >= 0) {
      buf[b + k * stride] = 0.5 * (wkr * (zIm + yIm) - wki * (yRe - zRe));
      buf[b + neg * stride] = 0.5 * (wnr * (yIm + zIm) - wni * (zRe - yRe));
    }
  }
}

/**
 * The forward's FFT: loads v_a + i v_b, the two lines src[a + x step] and src[b + x step] (b < 0: a alone) in
 * Makhoul's order, and transforms; dctForwardStore (or a fused decay) reads the result. Where the FFT starts with a
 * radix-4 stage (every 7-smooth length divisible by 4), that stage is done on the loaded values in registers (one
 * pass over the buffers fewer), the same arithmetic as cpuFft.ts's butterfly4 with unit twiddles.
 */
export function dctForwardFft(plan: CpuDctPlan, src: Float32Array | Float64Array, a: number, b: number, step: number): void {
  const { n, gather, re, im, fft } = plan;
  if (!fft.firstStageRadix4) {
    for (let p = 0; p < n; p++) {
      re[p] = src[a + gather[p] * step];
      im[p] = b >= 0 ? src[b + gather[p] * step] : 0;
    }
    fft.transformSlotted(re, im);
    return;
  }
  for (let p = 0; p < n; p += 4) {
    const g0 = gather[p] * step;
    const g1 = gather[p + 1] * step;
    const g2 = gather[p + 2] * step;
    const g3 = gather[p + 3] * step;
    const x0r = src[a + g0];
    const x1r = src[a + g1];
    const x2r = src[a + g2];
    const x3r = src[a + g3];
    const x0i = b >= 0 ? src[b + g0] : 0;
    const x1i = b >= 0 ? src[b + g1] : 0;
    const x2i = b >= 0 ? src[b + g2] : 0;
    const x3i = b >= 0 ? src[b + g3] : 0;
    const a0r = x0r + x2r;
    const a0i = x0i + x2i;
    const a1r = x0r - x2r;
    const a1i = x0i - x2i;
    const a2r = x1r + x3r;
    const a2i = x1i + x3i;
    const a3r = x1r - x3r;
    const a3i = x1i - x3i;
    re[p] = a0r + a2r;
    im[p] = a0i + a2i;
    re[p + 2] = a0r - a2r;
    im[p + 2] = a0i - a2i;
    re[p + 1] = a1r + a3i;
    im[p + 1] = a1i - a3r;
    re[p + 3] = a1r - a3i;
    im[p + 3] = a1i + a3r;
  }
  fft.transformAfterFirstStage(re, im);
}

/**
 * DCT-II (inverse = false: D x) or DCT-III (inverse = true: D^T x), D = dctMatrix(n), of the two lines
 * buf[a .. a + n) and buf[b .. b + n), in place; b < 0: the line at a alone (the second line reads as zeros).
 */
export function dctLinePairInPlace(plan: CpuDctPlan, buf: Float64Array, a: number, b: number, inverse: boolean): void {
  const { n, makhoul, re, im } = plan;
  if (inverse) {
    dctInverseLoad(plan, buf, a, b);
    plan.fft.transformSlotted(re, im);
    for (let k = 0; k < n; k++) {
      buf[a + makhoul[k]] = re[k];
      if (b >= 0) buf[b + makhoul[k]] = im[k];
    }
    return;
  }
  dctForwardFft(plan, buf, a, b, 1);
  dctForwardStore(plan, buf, a, b);
}

/** DCT-II (or, inverse, DCT-III) of every row of buf viewed as [rows, n], in place, two rows per FFT. */
export function dctRowsInPlace(buf: Float64Array, rows: number, n: number, inverse: boolean): void {
  const plan = cpuDctPlan(n);
  for (let r = 0; r < rows; r += 2) dctLinePairInPlace(plan, buf, r * n, r + 1 < rows ? (r + 1) * n : -1, inverse);
}

/** DCT-II (or, inverse, DCT-III) of one vector: a fresh float64 array. */
export function cpuFastDct(x: ArrayLike<number>, inverse = false): Float64Array {
  const out = Float64Array.from(x);
  if (out.length > 0) dctRowsInPlace(out, 1, out.length, inverse);
  return out;
}
