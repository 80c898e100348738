import { describe, expect, it } from 'vitest';
import { heatReference } from './heatReference';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom } from '../testing/testRandom';

const seed = testSeed();
console.log(`heatReference.test seed=${seed}`);
const rand = seededRandom(seed);

function randomArray(n: number, lo = -1, hi = 1): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + rand() * (hi - lo);
  return out;
}

/** Direct O((HW)^2) definition: sum over (n,m) of cos-basis products, straight from the formula. */
function directDefinition(phi: Float64Array, [b, h, w, c]: number[], rate: Float64Array, s: number): Float64Array {
  const basis = (n: number, x: number, len: number) =>
    Math.sqrt((n === 0 ? 1 : 2) / len) * Math.cos((Math.PI * n * (x + 0.5)) / len);
  const out = new Float64Array(phi.length);
  for (let bi = 0; bi < b; bi++)
    for (let ci = 0; ci < c; ci++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          let acc = 0;
          for (let n = 0; n < h; n++)
            for (let m = 0; m < w; m++) {
              let coeff = 0;
              for (let yy = 0; yy < h; yy++)
                for (let xx = 0; xx < w; xx++) coeff += basis(n, yy, h) * basis(m, xx, w) * phi[((bi * h + yy) * w + xx) * c + ci];
              acc += coeff * Math.exp(-s * rate[(n * w + m) * c + ci]) * basis(n, y, h) * basis(m, x, w);
            }
          out[((bi * h + y) * w + x) * c + ci] = acc;
        }
  return out;
}

// Float64 round-off of a few hundred terms: far below 1e-12 relative.
const F64_TOL = 1e-12;

describe('heatReference (float64)', () => {
  it.each([
    [1, 1, 1, 1],
    [1, 2, 3, 2],
    [2, 5, 4, 3],
    [1, 7, 1, 2],
    [1, 1, 6, 1],
  ])('matches the direct definition for shape %i x %i x %i x %i', (b, h, w, c) => {
    const phi = randomArray(b * h * w * c);
    const rate = randomArray(h * w * c, 0, 3);
    const s = 0.1 + rand() * 1.3;
    const ref = heatReference(phi, [b, h, w, c], rate, s);
    const direct = directDefinition(phi, [b, h, w, c], rate, s);
    expect(maxRelativeError(ref, direct)).toBeLessThan(F64_TOL);
  });

  it('s = 0 is the identity', () => {
    const shape = [2, 7, 13, 3] as const;
    const phi = randomArray(2 * 7 * 13 * 3);
    const rate = randomArray(7 * 13 * 3, 0, 5);
    expect(maxRelativeError(heatReference(phi, shape, rate, 0), phi)).toBeLessThan(F64_TOL);
  });

  it('is norm-preserving at s = 0 and contracting for s > 0 (Parseval)', () => {
    const shape = [1, 9, 6, 2] as const;
    const phi = randomArray(9 * 6 * 2);
    const zeroRate = new Float64Array(9 * 6 * 2);
    const norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((t, v) => t + v * v, 0));
    expect(Math.abs(norm(heatReference(phi, shape, zeroRate, 1)) - norm(phi)) / norm(phi)).toBeLessThan(F64_TOL);
    const rate = randomArray(9 * 6 * 2, 0.1, 2);
    expect(norm(heatReference(phi, shape, rate, 1))).toBeLessThan(norm(phi));
  });

  it('large s leaves only the DC term: the per-channel mean over the plane', () => {
    const [b, h, w, c] = [2, 6, 5, 3];
    const phi = randomArray(b * h * w * c);
    // Rate >= 1 away from DC: exp(-1e3) underflows to 0; the DC rate is what the formula gives there, 0.
    const rate = randomArray(h * w * c, 1, 2);
    for (let ci = 0; ci < c; ci++) rate[ci] = 0;
    const out = heatReference(phi, [b, h, w, c], rate, 1e3);
    for (let bi = 0; bi < b; bi++)
      for (let ci = 0; ci < c; ci++) {
        let mean = 0;
        for (let p = 0; p < h * w; p++) mean += phi[(bi * h * w + p) * c + ci];
        mean /= h * w;
        for (let p = 0; p < h * w; p++) expect(out[(bi * h * w + p) * c + ci]).toBeCloseTo(mean, 12);
      }
  });

  it('maxRelativeError is max|a-b| / max|ref| and flags NaN', () => {
    expect(maxRelativeError([1, 2.5], [1, 2])).toBeCloseTo(0.25, 15);
    expect(maxRelativeError([NaN, 2], [1, 2])).toBeNaN();
  });
});
