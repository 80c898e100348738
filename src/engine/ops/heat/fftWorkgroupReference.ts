// Plain-TypeScript (float64) version of heatFftWorkgroupProgram.ts: the same table (fftWorkgroupPlan.ts), the same
// steps over one line buffer of fftLen complex values (the program's workgroup memory): load in digit-reversed order
// (times the chirp for Bluestein), the in-place stages, for Bluestein the filter, the conjugate and the scatter
// through `slot` and the second FFT, then the pair split (fastDctReference.ts, fastDctPair, has its algebra).
// A table given as float32 (fftWorkgroupTableF32) shows the rounding of the tables alone.
import { fftWorkgroupLayout, fftWorkgroupTable, type FftWorkgroupLayout } from './fftWorkgroupPlan';
import { makhoulIndex } from './fastDctPlan';

type Table = ArrayLike<number>;

/** One stage's butterflies in place: radix f over blocks of span, W_L^{jk stride}, the f-point DFT by W_L^{(jq mod f) L/f}. */
function stage(re: Float64Array, im: Float64Array, t: Table, lay: FftWorkgroupLayout, f: number, span: number): void {
  const len = lay.fftLen;
  const stride = len / (span * f);
  const tw = (k: number): [number, number] => [t[lay.twiddleAt + 2 * k], t[lay.twiddleAt + 2 * k + 1]];
  const xr = new Float64Array(f);
  const xi = new Float64Array(f);
  for (let b = 0; b < len / f; b++) {
    const k = b % span;
    const base = Math.floor(b / span) * f * span + k;
    for (let j = 0; j < f; j++) {
      const [wr, wi] = tw(j * k * stride);
      const at = base + j * span;
      xr[j] = re[at] * wr - im[at] * wi;
      xi[j] = re[at] * wi + im[at] * wr;
    }
    for (let q = 0; q < f; q++) {
      let accR = 0;
      let accI = 0;
      for (let j = 0; j < f; j++) {
        const [wr, wi] = tw(((j * q) % f) * (len / f));
        accR += xr[j] * wr - xi[j] * wi;
        accI += xr[j] * wi + xi[j] * wr;
      }
      re[base + q * span] = accR;
      im[base + q * span] = accI;
    }
  }
}

function fftStages(re: Float64Array, im: Float64Array, t: Table, lay: FftWorkgroupLayout): void {
  let span = 1;
  for (let s = 0; s < lay.factorCount; s++) {
    const f = t[lay.factorAt + s];
    stage(re, im, t, lay, f, span);
    span *= f;
  }
}

/** The complex input at natural index j < n: forward v_a + i v_b (Makhoul order), inverse H_a + i H_b. */
function inputAt(a: ArrayLike<number>, b: ArrayLike<number>, j: number, inverse: boolean, t: Table, lay: FftWorkgroupLayout): [number, number] {
  const { n, postAt } = lay;
  if (!inverse) return [a[makhoulIndex(j, n)], b[makhoulIndex(j, n)]];
  const neg = j === 0 ? 0 : n - j;
  const [wr, wi, nr, ni] = [t[postAt + 2 * j], t[postAt + 2 * j + 1], t[postAt + 2 * neg], t[postAt + 2 * neg + 1]];
  const haRe = 0.5 * (wr * a[j] + nr * a[neg]);
  const haIm = 0.5 * (wi * a[j] - ni * a[neg]);
  const hbRe = 0.5 * (wr * b[j] + nr * b[neg]);
  const hbIm = 0.5 * (wi * b[j] - ni * b[neg]);
  return [haRe - hbIm, haIm + hbRe];
}

/** The length-n FFT of the loaded line, natural order: [re, im] of length n. */
function lineSpectrum(a: ArrayLike<number>, b: ArrayLike<number>, inverse: boolean, t: Table, lay: FftWorkgroupLayout): [Float64Array, Float64Array] {
  const { n, fftLen: len, bluestein, chirpAt, filterAt } = lay;
  const re = new Float64Array(len);
  const im = new Float64Array(len);
  for (let p = 0; p < len; p++) {
    const j = t[lay.loadAt + p];
    if (j >= n) continue;
    const [vr, vi] = inputAt(a, b, j, inverse, t, lay);
    const [cr, ci] = bluestein ? [t[chirpAt + 2 * j], t[chirpAt + 2 * j + 1]] : [1, 0];
    re[p] = vr * cr - vi * ci;
    im[p] = vr * ci + vi * cr;
  }
  fftStages(re, im, t, lay);
  if (!bluestein) return [re, im];
  const sr = new Float64Array(len);
  const si = new Float64Array(len);
  for (let p = 0; p < len; p++) {
    const [fr, fi] = [t[filterAt + 2 * p], t[filterAt + 2 * p + 1]];
    const slot = t[lay.slotAt + p];
    sr[slot] = re[p] * fr - im[p] * fi;
    si[slot] = -(re[p] * fi + im[p] * fr);
  }
  fftStages(sr, si, t, lay);
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const [cr, ci] = [t[chirpAt + 2 * k], t[chirpAt + 2 * k + 1]];
    outRe[k] = sr[k] * cr + si[k] * ci;
    outIm[k] = sr[k] * ci - si[k] * cr;
  }
  return [outRe, outIm];
}

/**
 * [D a, D b] (inverse = false) or [D^T a, D^T b] (D = dctMatrix(n)) of two real lines of any length n, as the
 * workgroup program computes them. table: fftWorkgroupTable(n) (float64) or its float32 copy.
 */
export function fftWorkgroupDctPair(a: ArrayLike<number>, b: ArrayLike<number>, inverse: boolean, table: Table = fftWorkgroupTable(a.length)): [Float64Array, Float64Array] {
  const n = a.length;
  const lay = fftWorkgroupLayout(n);
  const [re, im] = lineSpectrum(a, b, inverse, table, lay);
  const outA = new Float64Array(n);
  const outB = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (inverse) {
      outA[makhoulIndex(k, n)] = re[k];
      outB[makhoulIndex(k, n)] = im[k];
      continue;
    }
    const neg = k === 0 ? 0 : n - k;
    const [wr, wi] = [table[lay.postAt + 2 * k], table[lay.postAt + 2 * k + 1]];
    outA[k] = 0.5 * (wr * (re[k] + re[neg]) - wi * (im[k] - im[neg]));
    outB[k] = 0.5 * (wr * (im[k] + im[neg]) - wi * (re[neg] - re[k]));
  }
  return [outA, outB];
}
