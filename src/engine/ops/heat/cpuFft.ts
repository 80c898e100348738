// Complex FFT of any length in plain TypeScript (float64), for the CPU path's fast DCT (cpuFastDct.ts):
//  - 7-smooth lengths: in-place decimation in time over the factors of fastDctPlan.ts (radix 4, 2, 3, 5, 7; the load
//    order is its digitReversal), with each stage's twiddles tabled once per length and radix-2/3/4 butterflies
//    written out (5 and 7 by a small tabled DFT);
//  - every other length: Bluestein's algorithm (chirp-z), exact: X[k] = c[k] sum_j (x[j] c[j]) conj(c[k - j]) with
//    c[j] = e^{-i pi j^2 / N}, the convolution done by a 7-smooth FFT of length M >= 2N - 1 (the filter's FFT is
//    tabled once). O(N log N) for every N, at ~3 FFTs of length M ~ 2-4 N.
// Unnormalised forward transform X[k] = sum_j x[j] e^{-2 pi i jk / N}, natural order in and out.
import { InternalError } from '../../errors';
import { digitReversal, fastDctFactors } from './fastDctPlan';

/** A complex FFT of one length, in place on (re, im) of that length. */
export interface ComplexFft {
  readonly n: number;
  /** Bluestein's (chirp-z) or the mixed-radix stages. */
  readonly kind: 'mixed-radix' | 'bluestein';
  /** Where input index j must sit before transformSlotted: re[slot[j]] (the load order's inverse; identity for Bluestein). */
  readonly slot: Int32Array;
  /** The FFT of an input already placed at its slots (callers that gather anyway save a permutation pass). */
  transformSlotted(re: Float64Array, im: Float64Array): void;
  /**
   * Whether the first stage is radix 4 over adjacent slots (p, p + 1, p + 2, p + 3) with unit twiddles: a caller
   * that gathers may do it while loading (cpuFastDct.ts, dctForwardFft) and call transformAfterFirstStage.
   */
  readonly firstStageRadix4: boolean;
  /** transformSlotted without its first stage (only where firstStageRadix4). */
  transformAfterFirstStage(re: Float64Array, im: Float64Array): void;
  /** The FFT of a natural-order input. */
  transform(re: Float64Array, im: Float64Array): void;
}

/** One stage of the mixed-radix FFT: radix f combines f blocks of length span; twiddles [k][j - 1] as [re, im]. */
interface Stage {
  f: number;
  span: number;
  twiddles: Float64Array;
  /** Radix-f DFT matrix W_f^{jq} as [re, im] pairs, [q][j] (only used for f = 3, 5, 7). */
  dft: Float64Array;
}

function makeStages(factors: readonly number[]): Stage[] {
  const stages: Stage[] = [];
  let span = 1;
  for (const f of factors) {
    const m = span * f;
    const twiddles = new Float64Array(2 * span * (f - 1));
    for (let k = 0; k < span; k++) {
      for (let j = 1; j < f; j++) {
        const angle = (-2 * Math.PI * j * k) / m;
        twiddles[2 * (k * (f - 1) + j - 1)] = Math.cos(angle);
        twiddles[2 * (k * (f - 1) + j - 1) + 1] = Math.sin(angle);
      }
    }
    const dft = new Float64Array(2 * f * f);
    for (let q = 0; q < f; q++) {
      for (let j = 0; j < f; j++) {
        const angle = (-2 * Math.PI * ((j * q) % f)) / f;
        dft[2 * (q * f + j)] = Math.cos(angle);
        dft[2 * (q * f + j) + 1] = Math.sin(angle);
      }
    }
    stages.push({ f, span, twiddles, dft });
    span = m;
  }
  return stages;
}

function radix2(re: Float64Array, im: Float64Array, n: number, { span, twiddles }: Stage): void {
  const m = 2 * span;
  for (let k = 0; k < span; k++) {
    const wr = twiddles[2 * k];
    const wi = twiddles[2 * k + 1];
    for (let a = k; a < n; a += m) {
      const b = a + span;
      const tr = re[b] * wr - im[b] * wi;
      const ti = re[b] * wi + im[b] * wr;
      re[b] = re[a] - tr;
      im[b] = im[a] - ti;
      re[a] += tr;
      im[a] += ti;
    }
  }
}

/** The radix-4 butterflies of one block position k: inputs at i0, i0 + span, ... times W^0, W^k, W^2k, W^3k. */
function radix4(re: Float64Array, im: Float64Array, n: number, { span, twiddles }: Stage): void {
  const m = 4 * span;
  // k = 0: every twiddle is 1 (the whole first stage, where span = 1).
  for (let i0 = 0; i0 < n; i0 += m) {
    const i1 = i0 + span;
    const i2 = i1 + span;
    const i3 = i2 + span;
    butterfly4(re, im, i0, i1, i2, i3, re[i1], im[i1], re[i2], im[i2], re[i3], im[i3]);
  }
  for (let k = 1; k < span; k++) {
    const t = 6 * k;
    const w1r = twiddles[t];
    const w1i = twiddles[t + 1];
    const w2r = twiddles[t + 2];
    const w2i = twiddles[t + 3];
    const w3r = twiddles[t + 4];
    const w3i = twiddles[t + 5];
    for (let i0 = k; i0 < n; i0 += m) {
      const i1 = i0 + span;
      const i2 = i1 + span;
      const i3 = i2 + span;
      butterfly4(
        re, im, i0, i1, i2, i3,
        re[i1] * w1r - im[i1] * w1i, re[i1] * w1i + im[i1] * w1r,
        re[i2] * w2r - im[i2] * w2i, re[i2] * w2i + im[i2] * w2r,
        re[i3] * w3r - im[i3] * w3i, re[i3] * w3i + im[i3] * w3r,
      );
    }
  }
}

/** y_q = sum_j W_4^{jq} x_j (W_4 = -i) of x0 = buf[i0] and the twiddled x1, x2, x3, into i0 .. i3. */
function butterfly4(re: Float64Array, im: Float64Array, i0: number, i1: number, i2: number, i3: number, x1r: number, x1i: number, x2r: number, x2i: number, x3r: number, x3i: number): void {
  const a0r = re[i0] + x2r;
  const a0i = im[i0] + x2i;
  const a1r = re[i0] - x2r;
  const a1i = im[i0] - x2i;
  const a2r = x1r + x3r;
  const a2i = x1i + x3i;
  const a3r = x1r - x3r;
  const a3i = x1i - x3i;
  // y1 = a1 - i a3, y3 = a1 + i a3.
  re[i0] = a0r + a2r;
  im[i0] = a0i + a2i;
  re[i2] = a0r - a2r;
  im[i2] = a0i - a2i;
  re[i1] = a1r + a3i;
  im[i1] = a1i - a3r;
  re[i3] = a1r - a3i;
  im[i3] = a1i + a3r;
}

const SIN_60 = Math.sqrt(3) / 2;

function radix3(re: Float64Array, im: Float64Array, n: number, { span, twiddles }: Stage): void {
  const m = 3 * span;
  for (let k = 0; k < span; k++) {
    const w1r = twiddles[4 * k];
    const w1i = twiddles[4 * k + 1];
    const w2r = twiddles[4 * k + 2];
    const w2i = twiddles[4 * k + 3];
    for (let i0 = k; i0 < n; i0 += m) {
      const i1 = i0 + span;
      const i2 = i1 + span;
      const x1r = re[i1] * w1r - im[i1] * w1i;
      const x1i = re[i1] * w1i + im[i1] * w1r;
      const x2r = re[i2] * w2r - im[i2] * w2i;
      const x2i = re[i2] * w2i + im[i2] * w2r;
      const sr = x1r + x2r;
      const si = x1i + x2i;
      const dr = SIN_60 * (x1r - x2r);
      const di = SIN_60 * (x1i - x2i);
      const mr = re[i0] - 0.5 * sr;
      const mi = im[i0] - 0.5 * si;
      // W_3 = -1/2 - i sqrt(3)/2: y1 = x0 - s/2 - i (sqrt(3)/2) d, y2 = x0 - s/2 + i (sqrt(3)/2) d.
      re[i0] += sr;
      im[i0] += si;
      re[i1] = mr + di;
      im[i1] = mi - dr;
      re[i2] = mr - di;
      im[i2] = mi + dr;
    }
  }
}

/** Odd radices (5, 7): twiddle into small buffers, then the tabled f x f DFT. */
function radixOdd(re: Float64Array, im: Float64Array, n: number, { f, span, twiddles, dft }: Stage, tr: Float64Array, ti: Float64Array): void {
  const m = f * span;
  for (let base = 0; base < n; base += m) {
    for (let k = 0; k < span; k++) {
      tr[0] = re[base + k];
      ti[0] = im[base + k];
      for (let j = 1; j < f; j++) {
        const at = base + j * span + k;
        const w = 2 * (k * (f - 1) + j - 1);
        tr[j] = re[at] * twiddles[w] - im[at] * twiddles[w + 1];
        ti[j] = re[at] * twiddles[w + 1] + im[at] * twiddles[w];
      }
      for (let q = 0; q < f; q++) {
        let accR = tr[0];
        let accI = ti[0];
        for (let j = 1; j < f; j++) {
          const w = 2 * (q * f + j);
          accR += tr[j] * dft[w] - ti[j] * dft[w + 1];
          accI += tr[j] * dft[w + 1] + ti[j] * dft[w];
        }
        re[base + q * span + k] = accR;
        im[base + q * span + k] = accI;
      }
    }
  }
}

/** The mixed-radix FFT of a 7-smooth length. */
class MixedRadixFft implements ComplexFft {
  readonly kind = 'mixed-radix';
  readonly firstStageRadix4: boolean;
  private readonly stages: Stage[];
  private readonly loadOrder: Int32Array;
  readonly slot: Int32Array;
  private readonly copyRe: Float64Array;
  private readonly copyIm: Float64Array;
  private readonly smallRe = new Float64Array(8);
  private readonly smallIm = new Float64Array(8);

  constructor(readonly n: number, factors: readonly number[]) {
    this.stages = makeStages(factors);
    this.firstStageRadix4 = factors[0] === 4;
    this.loadOrder = digitReversal(factors);
    this.slot = new Int32Array(n);
    for (let p = 0; p < n; p++) this.slot[this.loadOrder[p]] = p;
    this.copyRe = new Float64Array(n);
    this.copyIm = new Float64Array(n);
  }

  transform(re: Float64Array, im: Float64Array): void {
    const { n, loadOrder, copyRe, copyIm } = this;
    copyRe.set(re.subarray(0, n));
    copyIm.set(im.subarray(0, n));
    for (let p = 0; p < n; p++) {
      re[p] = copyRe[loadOrder[p]];
      im[p] = copyIm[loadOrder[p]];
    }
    this.transformSlotted(re, im);
  }

  transformSlotted(re: Float64Array, im: Float64Array): void {
    this.runStages(re, im, 0);
  }

  transformAfterFirstStage(re: Float64Array, im: Float64Array): void {
    if (!this.firstStageRadix4) throw new InternalError(`transformAfterFirstStage: length ${this.n} does not start with radix 4`);
    this.runStages(re, im, 1);
  }

  private runStages(re: Float64Array, im: Float64Array, from: number): void {
    const { n, stages } = this;
    for (let s = from; s < stages.length; s++) {
      const stage = stages[s];
      if (stage.f === 4) radix4(re, im, n, stage);
      else if (stage.f === 2) radix2(re, im, n, stage);
      else if (stage.f === 3) radix3(re, im, n, stage);
      else radixOdd(re, im, n, stage, this.smallRe, this.smallIm);
    }
  }
}

/** Smallest 7-smooth length of the form 2^a or 3 * 2^a (fast radices only) that is >= need. */
export function bluesteinLength(need: number): number {
  let pow = 1;
  while (pow < need) pow *= 2;
  return (3 * pow) / 4 >= need ? (3 * pow) / 4 : pow;
}

/** Bluestein's FFT of any length n through a mixed-radix FFT of length M >= 2n - 1. */
class BluesteinFft implements ComplexFft {
  readonly kind = 'bluestein';
  readonly firstStageRadix4 = false;
  readonly slot: Int32Array;
  private readonly inner: ComplexFft;
  /** c[j] = e^{-i pi j^2 / n}, j < n. */
  private readonly chirpRe: Float64Array;
  private readonly chirpIm: Float64Array;
  /** FFT_M of the filter conj(c[|j|]) (wrapped), divided by M (the inverse FFT's scale). */
  private readonly filterRe: Float64Array;
  private readonly filterIm: Float64Array;
  private readonly workRe: Float64Array;
  private readonly workIm: Float64Array;
  private readonly spareRe: Float64Array;
  private readonly spareIm: Float64Array;

  constructor(readonly n: number) {
    const m = bluesteinLength(2 * n - 1);
    this.inner = complexFft(m);
    this.slot = Int32Array.from({ length: n }, (_, j) => j);
    this.chirpRe = new Float64Array(n);
    this.chirpIm = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      // j^2 mod 2n keeps the angle exact for large j (e^{-i pi j^2 / n} has period 2n in j^2).
      const angle = (-Math.PI * ((j * j) % (2 * n))) / n;
      this.chirpRe[j] = Math.cos(angle);
      this.chirpIm[j] = Math.sin(angle);
    }
    this.filterRe = new Float64Array(m);
    this.filterIm = new Float64Array(m);
    for (let j = 0; j < n; j++) {
      this.filterRe[j] = this.chirpRe[j] / m;
      this.filterIm[j] = -this.chirpIm[j] / m;
      if (j > 0) {
        this.filterRe[m - j] = this.filterRe[j];
        this.filterIm[m - j] = this.filterIm[j];
      }
    }
    this.inner.transform(this.filterRe, this.filterIm);
    this.workRe = new Float64Array(m);
    this.workIm = new Float64Array(m);
    this.spareRe = new Float64Array(m);
    this.spareIm = new Float64Array(m);
  }

  transformSlotted(re: Float64Array, im: Float64Array): void {
    this.transform(re, im);
  }

  transformAfterFirstStage(): void {
    throw new InternalError(`transformAfterFirstStage: Bluestein's FFT (length ${this.n}) has no radix-4 first stage`);
  }

  transform(re: Float64Array, im: Float64Array): void {
    const { n, chirpRe, chirpIm, filterRe, filterIm, workRe, workIm, spareRe, spareIm } = this;
    const { slot } = this.inner;
    const m = workRe.length;
    workRe.fill(0);
    workIm.fill(0);
    for (let j = 0; j < n; j++) {
      workRe[slot[j]] = re[j] * chirpRe[j] - im[j] * chirpIm[j];
      workIm[slot[j]] = re[j] * chirpIm[j] + im[j] * chirpRe[j];
    }
    this.inner.transformSlotted(workRe, workIm);
    // Times the filter's FFT, conjugated: the inverse FFT is conj(FFT(conj(.))) (1/M is in the filter).
    for (let k = 0; k < m; k++) {
      spareRe[slot[k]] = workRe[k] * filterRe[k] - workIm[k] * filterIm[k];
      spareIm[slot[k]] = -(workRe[k] * filterIm[k] + workIm[k] * filterRe[k]);
    }
    this.inner.transformSlotted(spareRe, spareIm);
    for (let k = 0; k < n; k++) {
      const r = spareRe[k];
      const i = -spareIm[k];
      re[k] = r * chirpRe[k] - i * chirpIm[k];
      im[k] = r * chirpIm[k] + i * chirpRe[k];
    }
  }
}

const ffts = new Map<number, ComplexFft>();

/** The complex FFT of length n (>= 1), built once per n and shared (it owns scratch: JS is single-threaded here). */
export function complexFft(n: number): ComplexFft {
  let fft = ffts.get(n);
  if (fft) return fft;
  const factors = fastDctFactors(n);
  fft = factors ? new MixedRadixFft(n, factors) : new BluesteinFft(n);
  ffts.set(n, fft);
  return fft;
}
