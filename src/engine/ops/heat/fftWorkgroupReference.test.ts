import { describe, expect, it } from 'vitest';
import { dctMatrix } from './dctBasis';
import { fftWorkgroupLayout, fftWorkgroupLength, fftWorkgroupTableF32 } from './fftWorkgroupPlan';
import { fftWorkgroupDctPair } from './fftWorkgroupReference';
import { fftWorkgroupShape } from './heatFftWorkgroupProgram';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';

// The float64 model of the workgroup-memory program (fftWorkgroupReference.ts) against the definition D x with the
// float64 matrix (dctBasis.ts), on every side 1..300 and a spread of larger ones, smooth and Bluestein.
const seed = testSeed();
console.log(`fftWorkgroupReference.test seed=${seed}`);
const rand = seededRandom(seed);

function matrixDct(x: ArrayLike<number>, inverse: boolean): Float64Array {
  const n = x.length;
  const d = dctMatrix(n);
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let acc = 0;
    for (let c = 0; c < n; c++) acc += (inverse ? d[c * n + r] : d[r * n + c]) * x[c];
    out[r] = acc;
  }
  return out;
}

/** max |got - want| over both lines, relative to the larger line's max (the pair shares one FFT). */
function pairError(n: number, inverse: boolean, table?: ArrayLike<number>): number {
  const a = uniformArray(rand, n, -1, 1);
  const b = uniformArray(rand, n, -1e-3, 1e-3);
  const [outA, outB] = fftWorkgroupDctPair(a, b, inverse, table);
  const [refA, refB] = [matrixDct(a, inverse), matrixDct(b, inverse)];
  let err = 0;
  for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(outA[i] - refA[i]), Math.abs(outB[i] - refB[i]));
  return err / Math.max(...a.map(Math.abs));
}

// Float64 throughout: the matrix product and Bluestein's three FFTs of length M <= 2048 each add ~log M roundings
// of eps relative to the line (plus the chirp's, whose angle is reduced mod 2n): below ~1e-13. 1e-11 leaves room.
const F64_TOL = 1e-11;
// Float32 tables only (the program's rounding of the twiddles, chirp and filter), arithmetic in float64: each table
// value is off by <= 6e-8 relative, and ~3 log2 M of them touch each output: ~3e-6 worst case. 1e-5, as the kernel.
const F32_TABLE_TOL = 1e-5;

const SIDES = [...Array.from({ length: 300 }, (_, i) => i + 1), 331, 509, 667, 727, 768, 997, 1000, 1021, 1022, 1023, 1024];

describe('fftWorkgroupPlan', () => {
  it('7-smooth sides keep their length; others take Bluestein M = 2^a or 3 2^(a-2) >= 2n - 1, at most 2048 to n = 1024', () => {
    expect(fftWorkgroupLayout(1024)).toMatchObject({ fftLen: 1024, bluestein: false, factorCount: 5 });
    expect(fftWorkgroupLayout(667)).toMatchObject({ fftLen: 1536, bluestein: true });
    expect(fftWorkgroupLength(97)).toBe(256);
    expect(fftWorkgroupLength(1021)).toBe(2048);
    for (let n = 1; n <= 1024; n++) expect(fftWorkgroupLength(n)).toBeLessThanOrEqual(2048);
  });
});

describe('fftWorkgroupShape (the pipeline a line needs, from the device limits and the row cap)', () => {
  const defaults = { maxComputeWorkgroupStorageSize: 16384, maxComputeInvocationsPerWorkgroup: 256, maxComputeWorkgroupSizeX: 256 };
  it('small lines: 64 invocations, a 256-value buffer; large: 256 and the device buffer (2048 at 16 KiB)', () => {
    expect(fftWorkgroupShape(224, defaults, 256)).toEqual({ capacity: 256, workgroup: 64 });
    expect(fftWorkgroupShape(97, defaults, 256)).toEqual({ capacity: 256, workgroup: 64 }); // M = 256
    expect(fftWorkgroupShape(1024, defaults, 256)).toEqual({ capacity: 2048, workgroup: 256 });
    expect(fftWorkgroupShape(1021, defaults, 256)).toEqual({ capacity: 2048, workgroup: 256 }); // M = 2048
    expect(fftWorkgroupShape(1021, defaults, 16)).toEqual({ capacity: 2048, workgroup: 16 });
  });
  it('refuses what the device cannot hold (the caller falls back), and takes more where it grants more', () => {
    expect(fftWorkgroupShape(1021, { ...defaults, maxComputeWorkgroupStorageSize: 8192 }, 256)).toBeNull();
    expect(fftWorkgroupShape(1024, { ...defaults, maxComputeWorkgroupStorageSize: 8192 }, 256)).toEqual({ capacity: 1024, workgroup: 256 });
    expect(fftWorkgroupShape(1501, { ...defaults, maxComputeWorkgroupStorageSize: 32768 }, 256)).toBeNull(); // 19 x 79: M = 3072 > 2048
    expect(fftWorkgroupShape(1500, defaults, 256)).toEqual({ capacity: 2048, workgroup: 256 }); // 7-smooth, past the private program's 1024
    expect(fftWorkgroupShape(1000, { ...defaults, maxComputeInvocationsPerWorkgroup: 128 }, 256)).toEqual({ capacity: 2048, workgroup: 128 });
  });
});

describe('fftWorkgroupDctPair (the program\'s steps in float64) against the matrix', () => {
  it(`DCT-II and DCT-III of two lines, ${SIDES.length} sides (1..300 and a spread to 1024)`, () => {
    for (const n of SIDES) {
      for (const inverse of [false, true]) {
        const err = pairError(n, inverse);
        if (!(err <= F64_TOL)) throw new Error(`n=${n} inverse=${inverse}: error ${err} (seed ${seed})`);
      }
    }
  });

  it('with the float32 tables the program reads (rounding of twiddles, chirp and filter only)', () => {
    let worst = 0;
    for (const n of [97, 127, 251, 256, 667, 1021, 1022, 1024]) {
      for (const inverse of [false, true]) worst = Math.max(worst, pairError(n, inverse, fftWorkgroupTableF32(n)));
    }
    console.log(`float32 tables: worst relative error ${worst.toExponential(2)}`);
    expect(worst, `seed ${seed}`).toBeLessThanOrEqual(F32_TABLE_TOL);
  });
});
