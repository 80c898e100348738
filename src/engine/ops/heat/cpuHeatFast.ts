// The heat operator on the CPU path's fast DCT (cpuFastDct.ts): out = IDCT_HW(DCT_HW(phi) * exp(-s rate)) for phi
// [B,H,W,C] (NHWC), O(H W C (log H + log W)) per image. At image sizes the work is bound by trips through memory
// (phi, rate, out and the planes are each 6-19 MiB at 1024x768x3, past the L2 cache), so each pass walks memory once:
//  1. rows along W forward, two rows per complex FFT, every channel of the row pair while it is in cache, stored
//     transposed: planes [C][W][H] (8 consecutive rows fill one cache line of each column, which stays in L2);
//  2. along H, every column is now a contiguous line: pairs of columns go forward, decay and back in one go (the
//     forward's spectra feed the inverse's load without a store between them), TILE columns at a time, whose decay
//     exp(-s rate) is computed for all channels from one walk over those rate rows (cpuExp, not Math.exp);
//  3. rows inverse from the transposed planes, every channel of the row pair written into out while it is in cache.
// Work buffers are float64 and kept between calls (float32 planes were 3-10 % faster in Node 20 scratch runs at load
// ~7, for 5.6e-8 of max |out| of difference: not taken; nor a pad making the column lines an odd number of cache
// lines apart, no faster at 1024x1024x3). BENCHMARKS.md, cpu-heat run 4, has the measurements. Each pass is a loop
// over independent row pairs or column tiles, so the CPU pool (ops/cpuPool) splits them over threads by range.
import { cpuExp } from './cpuExp';
import { cpuDctPlan, dctForwardFft, dctForwardStore, dctInverseLoad, type CpuDctPlan } from './cpuFastDct';

/** Columns per decay tile of the pass along H (their rate values are contiguous in each row of rate; 8 and 32 were ~5 % slower). */
const TILE = 16;

/** Tiles of TILE columns along W: the unit of work of the pass along H. */
export function columnTiles(w: number): number {
  return Math.ceil(w / TILE);
}

/** The planes (plus one line of zeros), and a tile's decay, reused by every call on this thread (grown, never shrunk). */
let planesBuf = new Float64Array(0);
let decayBuf = new Float64Array(0);

function planesBuffer(length: number): Float64Array {
  if (planesBuf.length < length) planesBuf = new Float64Array(length);
  return planesBuf;
}

function decayBuffer(length: number): Float64Array {
  if (decayBuf.length < length) decayBuf = new Float64Array(length);
  return decayBuf;
}

/** Rows r0 .. r1 (r0 even) of the image of phi at base forward along W into planes [C][W][H] (transposed), two rows per FFT. */
export function rowsForward(plan: CpuDctPlan, phi: Float32Array, base: number, h: number, c: number, planes: Float64Array, r0 = 0, r1 = h): void {
  const { n: w } = plan;
  const rowStride = w * c;
  const plane = h * w;
  for (let r = r0; r < r1; r += 2) {
    const pair = r + 1 < h;
    for (let ch = 0; ch < c; ch++) {
      const a = base + r * rowStride + ch;
      dctForwardFft(plan, phi, a, pair ? a + rowStride : -1, c);
      const at = ch * plane + r;
      dctForwardStore(plan, planes, at, pair ? at + 1 : -1, h);
    }
  }
}

/** Rows r0 .. r1 (r0 even) of planes [C][W][H] (transposed) inverse along W into the image of out at base, two rows per FFT. */
export function rowsInverse(plan: CpuDctPlan, planes: Float64Array, h: number, c: number, out: Float32Array, base: number, r0 = 0, r1 = h): void {
  const { n: w, makhoul, re, im, fft } = plan;
  const rowStride = w * c;
  const plane = h * w;
  for (let r = r0; r < r1; r += 2) {
    const pair = r + 1 < h;
    for (let ch = 0; ch < c; ch++) {
      const at = ch * plane + r;
      dctInverseLoad(plan, planes, at, pair ? at + 1 : -1, h);
      fft.transformSlotted(re, im);
      const a = base + r * rowStride + ch;
      for (let k = 0; k < w; k++) out[a + makhoul[k] * c] = re[k];
      if (pair) for (let k = 0; k < w; k++) out[a + rowStride + makhoul[k] * c] = im[k];
    }
  }
}

/**
 * The contiguous lines buf[a .. a + n) and buf[b .. b + n): DCT-II, times decay[da + k ds] and decay[db + k ds], DCT-III,
 * in place. For each k <= n / 2 the forward's store at k and -k and the inverse's load at k and -k are one step
 * (dctForwardStore and dctInverseLoad written out together), so the spectra never leave registers.
 */
function linePairDecay(plan: CpuDctPlan, buf: Float64Array, a: number, b: number, decay: Float64Array, da: number, db: number, ds: number): void {
  const { n, makhoul, slot, post: w, re, im, re2, im2, fft } = plan;
  dctForwardFft(plan, buf, a, b, 1);
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
    const ak = 0.5 * (wkr * (zRe + yRe) - wki * (zIm - yIm)) * decay[da + k * ds];
    const bk = 0.5 * (wkr * (zIm + yIm) - wki * (yRe - zRe)) * decay[db + k * ds];
    const an = 0.5 * (wnr * (yRe + zRe) - wni * (yIm - zIm)) * decay[da + neg * ds];
    const bn = 0.5 * (wnr * (yIm + zIm) - wni * (zRe - yRe)) * decay[db + neg * ds];
    re2[slot[k]] = 0.5 * (wkr * ak + wnr * an) - 0.5 * (wki * bk - wni * bn);
    im2[slot[k]] = 0.5 * (wki * ak - wni * an) + 0.5 * (wkr * bk + wnr * bn);
    re2[slot[neg]] = 0.5 * (wnr * an + wkr * ak) - 0.5 * (wni * bn - wki * bk);
    im2[slot[neg]] = 0.5 * (wni * an - wki * ak) + 0.5 * (wnr * bn + wkr * bk);
  }
  fft.transformSlotted(re2, im2);
  for (let k = 0; k < n; k++) {
    const m = makhoul[k];
    buf[a + m] = re2[k];
    buf[b + m] = im2[k];
  }
}

/**
 * The column lines of planes [C][W][H] along H in tiles t0 .. t1 (of TILE columns): forward, times
 * exp(-scale rate[k][x][ch]), inverse. An odd last column pairs with the line of zeros after the planes (cleared
 * first: it takes round-off).
 */
export function columnsDecay(plan: CpuDctPlan, planes: Float64Array, w: number, c: number, rate: Float32Array, scale: number, t0 = 0, t1 = columnTiles(w)): void {
  const h = plan.n;
  const plane = h * w;
  const zeros = c * plane;
  const decay = decayBuffer(c * TILE * h);
  for (let x0 = t0 * TILE; x0 < Math.min(w, t1 * TILE); x0 += TILE) {
    const t = Math.min(TILE, w - x0);
    // decay[k t C + j C + ch] = exp(-scale rate[k][x0 + j][ch]): the tile's block of rate, walked once.
    const ds = t * c;
    for (let k = 0; k < h; k++) {
      const src = (k * w + x0) * c;
      const dst = k * ds;
      for (let i = 0; i < ds; i++) decay[dst + i] = cpuExp(-scale * rate[src + i]);
    }
    for (let ch = 0; ch < c; ch++) {
      for (let j = 0; j < t; j += 2) {
        const a = ch * plane + (x0 + j) * h;
        const da = j * c + ch;
        if (j + 1 < t) linePairDecay(plan, planes, a, a + h, decay, da, da + c, ds);
        else {
          planes.fill(0, zeros, zeros + h);
          linePairDecay(plan, planes, a, zeros, decay, da, da, ds);
        }
      }
    }
  }
}

/** out = IDCT_HW(DCT_HW(phi) * exp(-scale * rate)) for phi [B,H,W,C] (NHWC), rate [H,W,C]. */
export function heatConductionFast(phi: Float32Array, [b, h, w, c]: readonly number[], rate: Float32Array, scale: number, out: Float32Array): void {
  const size = h * w * c;
  const planes = planesBuffer(size + h);
  const planH = cpuDctPlan(h);
  const planW = cpuDctPlan(w);
  for (let bi = 0; bi < b; bi++) {
    rowsForward(planW, phi, bi * size, h, c, planes);
    columnsDecay(planH, planes, w, c, rate, scale);
    rowsInverse(planW, planes, h, c, out, bi * size);
  }
}
