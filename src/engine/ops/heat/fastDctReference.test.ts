import { describe, expect, it } from 'vitest';
import { dctMatrix } from './dctBasis';
import { fastDctFactors, fastDctSupported } from './fastDctPlan';
import { fastDct, fastDctPair } from './fastDctReference';
import { axisTransform } from './heatKernel';
import { testSeed, seededRandom } from '../testing/testRandom';

const seed = testSeed();
console.log(`fastDctReference.test seed=${seed}`);
const rand = seededRandom(seed);

function randomVector(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * rand() - 1;
  return out;
}

/** D x (or D^T x) with the float64 matrix of dctBasis.ts: the definition the fast transform must reproduce. */
function matrixDct(x: Float64Array, inverse: boolean): Float64Array {
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

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

// Float64 on both sides: the matrix product sums N terms (error ~N eps), the FFT ~log N levels of twiddle products;
// for N <= 1024 and |x| <= 1 both stay below ~1e-13 relative. 1e-12 leaves an order of magnitude.
const F64_TOL = 1e-12;

const SUPPORTED_UP_TO_1024 = Array.from({ length: 1024 }, (_, i) => i + 1).filter(fastDctSupported);

describe('fast DCT plan', () => {
  it('factors 7-smooth lengths into 2, 3, 4, 5, 7 and refuses others', () => {
    expect(fastDctFactors(1)).toEqual([]);
    expect(fastDctFactors(1024)).toEqual([4, 4, 4, 4, 4]);
    expect(fastDctFactors(224)).toEqual([4, 4, 2, 7]);
    expect(fastDctFactors(192)).toEqual([4, 4, 4, 3]);
    for (const n of [11, 13, 97, 22, 1021]) expect(fastDctFactors(n)).toBeNull();
    // Every side vHeat produces at 224..1536 inputs (stage sides 7..384) is supported.
    for (const n of [7, 14, 28, 56, 112, 192, 224, 96, 48, 24, 12, 384]) expect(fastDctSupported(n)).toBe(true);
  });
});

describe('fastDct (float64) against dctMatrix', () => {
  it(`DCT-II and DCT-III match the matrix for every supported side up to 1024 (${SUPPORTED_UP_TO_1024.length} sides)`, () => {
    for (const n of SUPPORTED_UP_TO_1024) {
      const x = randomVector(n);
      for (const inverse of [false, true]) {
        const err = maxAbsDiff(fastDct(x, inverse), matrixDct(x, inverse)) / maxAbs(x);
        if (!(err <= F64_TOL)) throw new Error(`n=${n} inverse=${inverse}: error ${err} (seed ${seed})`);
      }
    }
  });

  it(`two lines through one complex FFT (the WGSL program's pairing) match the matrix for every supported side up to 1024`, () => {
    for (const n of SUPPORTED_UP_TO_1024) {
      // Lines of very different size: the pair shares one FFT, so its error is relative to the larger line.
      const a = randomVector(n);
      const b = randomVector(n).map((v) => 1e-3 * v);
      for (const inverse of [false, true]) {
        const [outA, outB] = fastDctPair(a, b, inverse);
        const errA = maxAbsDiff(outA, matrixDct(a, inverse)) / maxAbs(a);
        const errB = maxAbsDiff(outB, matrixDct(b, inverse)) / maxAbs(a);
        if (!(errA <= F64_TOL && errB <= F64_TOL)) throw new Error(`n=${n} inverse=${inverse}: errors ${errA}, ${errB} (seed ${seed})`);
      }
    }
  });

  it('property: Parseval (orthonormal) and inverse(forward(x)) = x over random sides', () => {
    for (let trial = 0; trial < 40; trial++) {
      const n = SUPPORTED_UP_TO_1024[Math.floor(rand() * SUPPORTED_UP_TO_1024.length)];
      const x = randomVector(n);
      const coeffs = fastDct(x);
      const energy = (v: Float64Array) => v.reduce((a, t) => a + t * t, 0);
      expect(Math.abs(energy(coeffs) - energy(x)) / energy(x), `n=${n} seed=${seed}`).toBeLessThanOrEqual(F64_TOL);
      expect(maxAbsDiff(fastDct(coeffs, true), x), `n=${n} seed=${seed}`).toBeLessThanOrEqual(F64_TOL);
    }
  });
});

describe('axisTransform (the per-axis choice of the WGSL operator)', () => {
  // A row like SwiftShader's (private-array FFT, no Bluestein under 'auto') and one like the hardware-GPU row's.
  const software = { heatFastDctFromSide: 224, heatBluesteinFromSide: Infinity, heatFftInWorkgroupMemory: false };
  const gpu = { heatFastDctFromSide: 64, heatBluesteinFromSide: 128, heatFftInWorkgroupMemory: true };

  it("takes the fast transform from the crossover side on, or always under 'fast', where the side allows", () => {
    expect(axisTransform(224, 'auto', software, true)).toBe('fast');
    expect(axisTransform(223, 'auto', software, true)).toBe('matrix');
    expect(axisTransform(7, 'fast', software, true)).toBe('fast');
    expect(axisTransform(1024, 'matrix', software, true)).toBe('matrix');
    // Not 7-smooth: Bluestein in the workgroup program under 'fast', the matrix pass under 'auto' on this row.
    expect(axisTransform(1021, 'fast', software, true)).toBe('fast-workgroup');
    expect(axisTransform(1021, 'auto', software, true)).toBe('matrix');
    // Neither program takes it (longer than the private buffer, the workgroup program does not fit): the matrix pass.
    expect(axisTransform(2048, 'auto', software, false)).toBe('matrix');
    expect(axisTransform(1021, 'fast', software, false)).toBe('matrix');
  });

  it("the hardware-GPU row: the FFT in workgroup memory, Bluestein from its own crossover; 'fast-workgroup' forces it", () => {
    expect(axisTransform(224, 'auto', gpu, true)).toBe('fast-workgroup');
    expect(axisTransform(56, 'auto', gpu, true)).toBe('matrix');
    expect(axisTransform(97, 'auto', gpu, true)).toBe('matrix');
    expect(axisTransform(667, 'auto', gpu, true)).toBe('fast-workgroup');
    // Where the line does not fit the device's workgroup memory: back to the private-array program, else matrix.
    expect(axisTransform(1024, 'auto', gpu, false)).toBe('fast');
    expect(axisTransform(667, 'auto', gpu, false)).toBe('matrix');
    expect(axisTransform(7, 'fast-workgroup', software, true)).toBe('fast-workgroup');
    expect(axisTransform(7, 'fast-workgroup', software, false)).toBe('fast');
  });
});
