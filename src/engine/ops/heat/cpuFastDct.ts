// The CPU path's fast orthonormal DCT-II / DCT-III (float64, plain TypeScript) for lines of any length, and the heat
// operator on it: O(H W (log H + log W)) per plane instead of the matrix products' O(H W (H + W)).
// Each transform is Makhoul's reordering plus one complex FFT of length N (cpuFft.ts: mixed radix for 7-smooth N,
// Bluestein's chirp-z for every other N), with two real lines through one complex FFT: the pair algebra of
// fastDctReference.ts (fastDctPair), which heatFastDctProgram.ts runs in WGSL. fastDctPlan.ts documents the math.
// Work buffers are float64: a copy with Float32Array buffers was x1.02 (768x1024x3) to x1.11 (224x224x3) as fast in
// one Node 20 run (load ~12) and 7x less accurate (2.4e-7 against 3.4e-8 relative to the float64 reference).
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
  /** The two lines' spectra between the forward and the inverse transform (dctDecayIdctColumnPair). */
  specA: Float64Array;
  specB: Float64Array;
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
  plan = { n, fft, makhoul, gather, slot: fft.slot, post, re: new Float64Array(n), im: new Float64Array(n), specA: new Float64Array(n), specB: new Float64Array(n) };
  plans.set(n, plan);
  return plan;
}

/**
 * DCT-II (inverse = false: D x) or DCT-III (inverse = true: D^T x), D = dctMatrix(n), of the two lines
 * buf[a .. a + n) and buf[b .. b + n), in place; b < 0: the line at a alone (the second line reads as zeros).
 */
export function dctLinePairInPlace(plan: CpuDctPlan, buf: Float64Array, a: number, b: number, inverse: boolean): void {
  const { n, makhoul, gather, slot, post: w, re, im } = plan;
  const pair = b >= 0;
  if (inverse) {
    // Hermitian H_a[k] = (w[k] A[k] + conj(w[-k]) A[-k]) / 2 (H_b likewise); the buffer holds H_a + i H_b.
    for (let k = 0; k < n; k++) {
      const neg = k === 0 ? 0 : n - k;
      const a0 = buf[a + k];
      const a1 = buf[a + neg];
      const b0 = pair ? buf[b + k] : 0;
      const b1 = pair ? buf[b + neg] : 0;
      const haRe = 0.5 * (w[2 * k] * a0 + w[2 * neg] * a1);
      const haIm = 0.5 * (w[2 * k + 1] * a0 - w[2 * neg + 1] * a1);
      const hbRe = 0.5 * (w[2 * k] * b0 + w[2 * neg] * b1);
      const hbIm = 0.5 * (w[2 * k + 1] * b0 - w[2 * neg + 1] * b1);
      re[slot[k]] = haRe - hbIm;
      im[slot[k]] = haIm + hbRe;
    }
    plan.fft.transformSlotted(re, im);
    for (let k = 0; k < n; k++) {
      buf[a + makhoul[k]] = re[k];
      if (pair) buf[b + makhoul[k]] = im[k];
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    re[p] = buf[a + gather[p]];
    im[p] = pair ? buf[b + gather[p]] : 0;
  }
  plan.fft.transformSlotted(re, im);
  // Z = V_a + i V_b: V_a[k] = (Z[k] + conj Z[-k]) / 2, V_b[k] = (Z[k] - conj Z[-k]) / 2i; out = Re(w V).
  for (let k = 0; k < n; k++) {
    const neg = k === 0 ? 0 : n - k;
    const zRe = re[k];
    const zIm = im[k];
    const yRe = re[neg];
    const yIm = im[neg];
    buf[a + k] = 0.5 * (w[2 * k] * (zRe + yRe) - w[2 * k + 1] * (zIm - yIm));
    if (pair) buf[b + k] = 0.5 * (w[2 * k] * (zIm + yIm) - w[2 * k + 1] * (yRe - zRe));
  }
}

/**
 * Columns a and b (b < 0: a alone) of buf seen as [n, stride]: DCT-II, times decay[da + k] (column a) and
 * decay[db + k] (column b), DCT-III, written back in place. The spectra stay in the plan's scratch: one strided
 * gather and one strided scatter per column pair, no transposed copy of the plane.
 */
export function dctDecayIdctColumnPair(plan: CpuDctPlan, buf: Float64Array, a: number, b: number, stride: number, decay: Float64Array, da: number, db: number): void {
  const { n, makhoul, gather, slot, post: w, re, im, specA, specB } = plan;
  const pair = b >= 0;
  for (let p = 0; p < n; p++) {
    const at = gather[p] * stride;
    re[p] = buf[a + at];
    im[p] = pair ? buf[b + at] : 0;
  }
  plan.fft.transformSlotted(re, im);
  for (let k = 0; k < n; k++) {
    const neg = k === 0 ? 0 : n - k;
    const zRe = re[k];
    const zIm = im[k];
    const yRe = re[neg];
    const yIm = im[neg];
    specA[k] = 0.5 * (w[2 * k] * (zRe + yRe) - w[2 * k + 1] * (zIm - yIm)) * decay[da + k];
    specB[k] = pair ? 0.5 * (w[2 * k] * (zIm + yIm) - w[2 * k + 1] * (yRe - zRe)) * decay[db + k] : 0;
  }
  for (let k = 0; k < n; k++) {
    const neg = k === 0 ? 0 : n - k;
    const a0 = specA[k];
    const a1 = specA[neg];
    const b0 = specB[k];
    const b1 = specB[neg];
    re[slot[k]] = 0.5 * (w[2 * k] * a0 + w[2 * neg] * a1) - 0.5 * (w[2 * k + 1] * b0 - w[2 * neg + 1] * b1);
    im[slot[k]] = 0.5 * (w[2 * k + 1] * a0 - w[2 * neg + 1] * a1) + 0.5 * (w[2 * k] * b0 + w[2 * neg] * b1);
  }
  plan.fft.transformSlotted(re, im);
  for (let k = 0; k < n; k++) {
    const at = makhoul[k] * stride;
    buf[a + at] = re[k];
    if (pair) buf[b + at] = im[k];
  }
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

/** The plane and decay reused by every call (grown, never shrunk). */
let planeBuf = new Float64Array(0);
let decayBuf = new Float64Array(0);

function buffers(plane: number, size: number): [Float64Array, Float64Array] {
  if (planeBuf.length < plane) planeBuf = new Float64Array(plane);
  if (decayBuf.length < size) decayBuf = new Float64Array(size);
  return [planeBuf, decayBuf];
}

/**
 * out = IDCT_HW(DCT_HW(phi) * exp(-scale * rate)) for phi [B,H,W,C] (NHWC), rate [H,W,C], one (b, c) plane at a
 * time: rows along W forward, then per pair of columns forward along H, decay, inverse, then rows inverse.
 */
export function heatConductionFast(phi: Float32Array, [b, h, w, c]: readonly number[], rate: Float32Array, scale: number, out: Float32Array): void {
  const size = h * w * c;
  const plane = h * w;
  const [p, decay] = buffers(plane, size);
  // The decay per channel as [C][W][H], so each column reads its own contiguously.
  for (let n = 0, i = 0; n < h; n++) for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++, i++) decay[ch * plane + x * h + n] = Math.exp(-scale * rate[i]);
  const planH = cpuDctPlan(h);
  for (let bi = 0; bi < b; bi++) {
    const base = bi * size;
    for (let ch = 0; ch < c; ch++) {
      for (let i = 0, j = base + ch; i < plane; i++, j += c) p[i] = phi[j];
      dctRowsInPlace(p, h, w, false);
      const d = ch * plane;
      for (let x = 0; x < w; x += 2) dctDecayIdctColumnPair(planH, p, x, x + 1 < w ? x + 1 : -1, w, decay, d + x * h, d + (x + 1) * h);
      dctRowsInPlace(p, h, w, true);
      for (let i = 0, j = base + ch; i < plane; i++, j += c) out[j] = p[i];
    }
  }
}
