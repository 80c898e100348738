// The table of the workgroup-memory fast DCT (heatFftWorkgroupProgram.ts in WGSL, fftWorkgroupReference.ts in
// TypeScript) for lines of ANY length n: Makhoul's reordering (fastDctPlan.ts) plus one complex FFT of length n when n
// is 7-smooth, else Bluestein's chirp-z (cpuFft.ts has the algebra):
//   X[k] = c[k] conj( FFT_M( conj( FFT_M(u) * F ) ) )[k],  u[j] = v[j] c[j] (j < n, zero-padded to M),
//   c[j] = e^{-i pi j^2 / n},  F = FFT_M(conj(c[|j|]) wrapped) / M,  M = bluesteinLength(2n - 1) (2^a or 3 2^(a-2)).
// The inner FFT (length L = n or M) is in-place decimation in time over fastDctFactors(L): loaded in digit-reversed
// order, natural order out. Bluestein's second FFT needs its input in that order too: `slot` (the load order's
// inverse) scatters it.
//
// One float64 table per n (the program rounds it to float32 once), laid out as
//   loadOrder [L] | slot [L] | twiddles W_L^k [2L] | factors of L [F] | post-twiddles w[k] [2n] | chirp c [2n] | filter F [2L]
// (the last two only for Bluestein); the offsets go to the shader as uniforms (fftWorkgroupLayout).
import { complexFft, bluesteinLength } from './cpuFft';
import { digitReversal, fastDctFactors } from './fastDctPlan';
import { InternalError } from '../../errors';

/** Where each part of a length's table starts, and the FFT it describes. */
export interface FftWorkgroupLayout {
  /** The DCT's line length. */
  n: number;
  /** The complex FFT's length: n (7-smooth) or Bluestein's M. */
  fftLen: number;
  bluestein: boolean;
  factorCount: number;
  loadAt: number;
  slotAt: number;
  twiddleAt: number;
  factorAt: number;
  postAt: number;
  /** Bluestein only (else the table's end, never read). */
  chirpAt: number;
  filterAt: number;
  /** Values in the table. */
  length: number;
}

/** The FFT length of a DCT line of length n: n itself when 7-smooth, else Bluestein's M >= 2n - 1. */
export function fftWorkgroupLength(n: number): number {
  return fastDctFactors(n) ? n : bluesteinLength(2 * n - 1);
}

export function fftWorkgroupLayout(n: number): FftWorkgroupLayout {
  const bluestein = fastDctFactors(n) === null;
  const fftLen = fftWorkgroupLength(n);
  const factorCount = fastDctFactors(fftLen)!.length;
  const slotAt = fftLen;
  const twiddleAt = 2 * fftLen;
  const factorAt = 4 * fftLen;
  const postAt = factorAt + factorCount;
  const chirpAt = postAt + 2 * n;
  const filterAt = chirpAt + (bluestein ? 2 * n : 0);
  const length = filterAt + (bluestein ? 2 * fftLen : 0);
  return { n, fftLen, bluestein, factorCount, loadAt: 0, slotAt, twiddleAt, factorAt, postAt, chirpAt, filterAt, length };
}

const tables = new Map<number, Float64Array>();

/** The float64 table of length n (>= 1), computed once per n and shared (callers must not write to it). */
export function fftWorkgroupTable(n: number): Float64Array {
  let table = tables.get(n);
  if (table) return table;
  if (!(Number.isInteger(n) && n >= 1)) throw new InternalError(`fftWorkgroupTable: bad length ${n}`);
  const lay = fftWorkgroupLayout(n);
  const len = lay.fftLen;
  const factors = fastDctFactors(len)!;
  table = new Float64Array(lay.length);
  const loadOrder = digitReversal(factors);
  for (let p = 0; p < len; p++) {
    table[lay.loadAt + p] = loadOrder[p];
    table[lay.slotAt + loadOrder[p]] = p;
    const angle = (2 * Math.PI * p) / len;
    table[lay.twiddleAt + 2 * p] = Math.cos(angle);
    table[lay.twiddleAt + 2 * p + 1] = -Math.sin(angle);
  }
  table.set(factors, lay.factorAt);
  for (let k = 0; k < n; k++) {
    const scale = Math.sqrt((k === 0 ? 1 : 2) / n);
    const half = (Math.PI * k) / (2 * n);
    table[lay.postAt + 2 * k] = scale * Math.cos(half);
    table[lay.postAt + 2 * k + 1] = -scale * Math.sin(half);
  }
  if (lay.bluestein) writeBluestein(table, lay);
  tables.set(n, table);
  return table;
}

/** The chirp c[j] and the filter's FFT (float64, through the CPU path's FFT of length M), divided by M. */
function writeBluestein(table: Float64Array, lay: FftWorkgroupLayout): void {
  const { n, fftLen: m } = lay;
  const filterRe = new Float64Array(m);
  const filterIm = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    // j^2 mod 2n keeps the angle exact for large j (e^{-i pi j^2 / n} has period 2n in j^2).
    const angle = (-Math.PI * ((j * j) % (2 * n))) / n;
    table[lay.chirpAt + 2 * j] = Math.cos(angle);
    table[lay.chirpAt + 2 * j + 1] = Math.sin(angle);
    filterRe[j] = Math.cos(angle) / m;
    filterIm[j] = -Math.sin(angle) / m;
    if (j > 0) {
      filterRe[m - j] = filterRe[j];
      filterIm[m - j] = filterIm[j];
    }
  }
  complexFft(m).transform(filterRe, filterIm);
  for (let k = 0; k < m; k++) {
    table[lay.filterAt + 2 * k] = filterRe[k];
    table[lay.filterAt + 2 * k + 1] = filterIm[k];
  }
}

const tablesF32 = new Map<number, Float32Array>();

/** fftWorkgroupTable(n) rounded once to float32 (what the program reads), cached per n. */
export function fftWorkgroupTableF32(n: number): Float32Array {
  let table = tablesF32.get(n);
  if (!table) {
    table = Float32Array.from(fftWorkgroupTable(n));
    tablesF32.set(n, table);
  }
  return table;
}
