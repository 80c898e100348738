import { describe, expect, it } from 'vitest';
import { cpuExp } from './cpuExp';
import { testSeed, seededRandom } from '../testing/testRandom';

const seed = testSeed();
console.log(`cpuExp.test seed=${seed}`);
const rand = seededRandom(seed);

// Tolerance, relative to Math.exp: the table value 2^(j/64) (Math.pow, within 1 ulp), the degree-5 polynomial
// (truncation < 4e-17) and three roundings in the products: a few ulp (worst seen 4.0e-16); 4 ulp (8.9e-16) leaves
// room. A missing Taylor term is ~4e-14, ln2 / 64 without its low part ~1e-7 at the range's ends, an off-by-one
// table index 1e-2.
const EXP_TOL = 4 * Number.EPSILON;

function relativeError(x: number): number {
  const want = Math.exp(x);
  return Math.abs(cpuExp(x) - want) / want;
}

describe('cpuExp', () => {
  it('matches Math.exp within 4 ulp over the normal range (the heat decay exp(-s rate) and beyond)', () => {
    let worst = 0;
    let at = 0;
    for (let i = 0; i < 200000; i++) {
      // half the values where the decay lives (-20 .. 0), half over the whole range without subnormal results
      const x = i % 2 === 0 ? -20 * rand() : -708 + 1416 * rand();
      const err = relativeError(x);
      if (err > worst) [worst, at] = [err, x];
    }
    console.log(`cpuExp: worst relative error ${worst.toExponential(2)} at x=${at}`);
    expect(worst).toBeLessThan(EXP_TOL);
  });

  it('is exact at 0 and agrees with Math.exp at the edges (overflow, underflow, subnormals, NaN)', () => {
    expect(cpuExp(0)).toBe(1);
    expect(cpuExp(-0)).toBe(1);
    for (const x of [Infinity, -Infinity, NaN, 710, 800, -746, -1e6]) expect(cpuExp(x)).toBe(Math.exp(x));
    for (const x of [-709.5, -720, -740]) expect(Math.abs(cpuExp(x) - Math.exp(x))).toBeLessThan(Math.exp(x) * 1e-10 + Number.MIN_VALUE * 4);
    for (const x of [708.9, 1e-300, -1e-300, 1e-17, 1]) expect(relativeError(x)).toBeLessThan(EXP_TOL);
  });
});
