import { describe, expect, it } from 'vitest';
import { bluesteinLength, complexFft } from './cpuFft';
import { cpuFastDct } from './cpuFastDct';
import { heatConductionFast } from './cpuHeatFast';
import { fastDctSupported } from './fastDctPlan';
import { heatReference } from './heatReference';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';

const seed = testSeed();
console.log(`cpuFastDct.test seed=${seed}`);
const rand = seededRandom(seed);

function randomVector(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * rand() - 1;
  return out;
}

/**
 * The direct float64 DCT-II (or DCT-III) by its definition, O(N^2): D[k, x] = s_k cos(pi k (2x + 1) / 2N), the
 * cosines taken from a table of cos(pi j / 2N), j < 4N, at index k (2x + 1) mod 4N (an exact integer), so the
 * reference itself carries no accumulated angle error.
 */
function directDct(x: Float64Array, inverse: boolean): Float64Array {
  const n = x.length;
  const table = Float64Array.from({ length: 4 * n }, (_, j) => Math.cos((Math.PI * j) / (2 * n)));
  const scale = (k: number) => Math.sqrt((k === 0 ? 1 : 2) / n);
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let acc = 0;
    // forward: out[k] = s_k sum_x cos(.) x[x]; inverse: out[x] = sum_k s_k cos(.) X[k]
    if (inverse) for (let k = 0; k < n; k++) acc += scale(k) * table[(k * (2 * r + 1)) % (4 * n)] * x[k];
    else for (let c = 0; c < n; c++) acc += table[(r * (2 * c + 1)) % (4 * n)] * x[c];
    out[r] = inverse ? acc : scale(r) * acc;
  }
  return out;
}

// The sides checked (a few seconds, dominated by the O(N^2) reference): every side 1..160, every prime up to 1024
// (all of them take Bluestein's path, M up to 2048) and a spread of other sides to 1024, smooth (mixed radix) and
// not (Bluestein with composite N: 667 = 23 * 29, 1022 = 2 * 7 * 73).
function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}
const SIDES = [
  ...Array.from({ length: 160 }, (_, i) => i + 1),
  ...Array.from({ length: 1024 - 160 }, (_, i) => i + 161).filter(isPrime),
  168, 192, 200, 224, 225, 243, 256, 288, 343, 384, 448, 500, 512, 640, 667, 700, 720, 768, 800, 875, 896, 960, 999, 1000, 1022, 1023, 1024,
];

// Float64 on both sides, relative to max |reference|. The direct sum carries ~sqrt(N) eps of rounding, the
// mixed-radix FFT ~log N levels of twiddle products, Bluestein three FFTs of length M <= 2048
// plus the chirp products (worst measured 3.1e-15, at N = 971, seed 20261201). 1e-12 leaves ~300x; a wrong twiddle sign, a
// missing chirp conjugate or a wrong orthonormal scale is > 1e-2 on random inputs.
const F64_TOL = 1e-12;

describe('CPU complex FFT', () => {
  it('matches the direct DFT on mixed-radix and Bluestein lengths', () => {
    for (const n of [1, 2, 3, 4, 5, 7, 8, 11, 12, 13, 30, 49, 97, 100, 127]) {
      const re = randomVector(n);
      const im = randomVector(n);
      const [refRe, refIm] = [new Float64Array(n), new Float64Array(n)];
      for (let k = 0; k < n; k++) {
        for (let j = 0; j < n; j++) {
          const a = (-2 * Math.PI * ((j * k) % n)) / n;
          refRe[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
          refIm[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
        }
      }
      complexFft(n).transform(re, im);
      expect(maxRelativeError(re, refRe), `n=${n} re (${complexFft(n).kind})`).toBeLessThan(F64_TOL);
      expect(maxRelativeError(im, refIm), `n=${n} im`).toBeLessThan(F64_TOL);
    }
  });

  it('takes Bluestein exactly for lengths with a prime factor above 7, with a fast inner length', () => {
    expect(complexFft(1024).kind).toBe('mixed-radix');
    expect(complexFft(768).kind).toBe('mixed-radix');
    expect(complexFft(667).kind).toBe('bluestein');
    expect(complexFft(1009).kind).toBe('bluestein');
    expect(bluesteinLength(2 * 667 - 1)).toBe(1536);
    expect(bluesteinLength(2 * 1009 - 1)).toBe(2048);
    expect(bluesteinLength(2 * 11 - 1)).toBe(24);
  });
});

describe('CPU fast DCT-II / DCT-III against the direct float64 DCT', () => {
  it(`every side 1..160, every prime to 1024 and a spread to 1024 (${SIDES.length} sides)`, () => {
    let worst = { err: 0, n: 0 };
    let bluestein = 0;
    for (const n of SIDES) {
      if (!fastDctSupported(n)) bluestein++;
      const x = randomVector(n);
      for (const inverse of [false, true]) {
        const err = maxRelativeError(cpuFastDct(x, inverse), directDct(x, inverse));
        if (!(err < F64_TOL)) expect.fail(`n=${n} ${inverse ? 'DCT-III' : 'DCT-II'}: relative error ${err} (seed ${seed})`);
        if (err > worst.err) worst = { err, n };
      }
    }
    console.log(`cpuFastDct: worst relative error ${worst.err.toExponential(2)} at n=${worst.n}; ${bluestein} sides on Bluestein's path`);
    expect(bluestein).toBeGreaterThan(150);
  });

  it('inverse after forward is the identity (orthonormal pair) at 667 and 1009', () => {
    for (const n of [667, 1009]) {
      const x = randomVector(n);
      expect(maxRelativeError(cpuFastDct(cpuFastDct(x), true), x)).toBeLessThan(F64_TOL);
    }
  });
});

// heatConductionFast vs the float64 reference (heatReference.ts, matrix products in float64): both float64 inside,
// the output rounded to float32 once (6e-8 relative per value). 1e-6 leaves room; a decay on the wrong axis or a
// transposed plane is > 1e-2 on these random inputs.
const HEAT_TOL = 1e-6;

describe('heatConductionFast (the CPU kernel fast path)', () => {
  const shapes: [number, number, number, number][] = [[1, 1, 1, 1], [2, 7, 13, 3], [1, 12, 5, 2], [1, 31, 24, 3], [1, 17, 16, 4], [3, 2, 2, 5]];
  for (const shape of shapes) {
    it(`[${shape}] matches the float64 reference`, () => {
      const [b, h, w, c] = shape;
      const phi = uniformArray(rand, b * h * w * c, -1, 1);
      const rate = uniformArray(rand, h * w * c, 0, 4);
      const scale = 0.2 + rand();
      const out = new Float32Array(phi.length);
      heatConductionFast(phi, shape, rate, scale, out);
      expect(maxRelativeError(out, heatReference(phi, shape, rate, scale))).toBeLessThan(HEAT_TOL);
    });
  }
});
