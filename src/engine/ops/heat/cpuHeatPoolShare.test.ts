// The CPU heat pool's work split (cpuHeatPoolShare.ts), run share by share on one thread: every split of every pass
// must give the single-thread step's result bit for bit, since each line is transformed by the same code either way.
// The real threads: cpuHeatPool.browser.test.ts.
import { describe, expect, it } from 'vitest';
import { heatConductionFast } from './cpuHeatFast';
import { CTRL, CTRL_LENGTH, PASS, runShare, shareRange, type PoolViews } from './cpuHeatPoolShare';
import { seededRandom, testSeed, uniformArray } from '../testing/testRandom';

const rand = seededRandom(testSeed('cpuHeatPoolShare'));

describe('shareRange', () => {
  it('cuts units into contiguous shares that cover them once, sizes differing by at most one', () => {
    for (const [units, threads] of [[0, 3], [1, 4], [7, 3], [64, 8], [5, 5], [9, 2]]) {
      const shares = Array.from({ length: threads }, (_, k) => shareRange(units, threads, k));
      expect(shares[0][0]).toBe(0);
      expect(shares[threads - 1][1]).toBe(units);
      for (let k = 1; k < threads; k++) expect(shares[k][0]).toBe(shares[k - 1][1]);
      const sizes = shares.map(([a, b]) => b - a);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});

/** The pool's layout (cpuHeatPool.ts) on a plain buffer: planes, then rate, then the image. */
function split(phi: Float32Array, [h, w, c]: number[], rate: Float32Array, scale: number, threads: number): { out: Float32Array; units: number } {
  const size = h * w * c;
  const rateAt = 2 * (size + h);
  const imageAt = rateAt + size;
  const data = new ArrayBuffer(4 * (imageAt + size));
  const v: PoolViews = { ctrl: new Int32Array(CTRL_LENGTH), scale: new Float64Array([scale]), f32: new Float32Array(data), f64: new Float64Array(data) };
  Object.assign(v.ctrl, { [CTRL.THREADS]: threads, [CTRL.H]: h, [CTRL.W]: w, [CTRL.C]: c, [CTRL.PLANES]: 0, [CTRL.RATE]: rateAt, [CTRL.PHI]: imageAt, [CTRL.OUT]: imageAt });
  v.f32.set(rate, rateAt);
  v.f32.set(phi, imageAt);
  let units = 0;
  for (const pass of [PASS.ROWS_FORWARD, PASS.COLUMNS, PASS.ROWS_INVERSE]) {
    v.ctrl[CTRL.PASS] = pass;
    // Last share first: a share must not depend on another's order within a pass.
    for (let k = threads - 1; k >= 0; k--) units += runShare(v, k);
  }
  return { out: v.f32.slice(imageAt, imageAt + size), units };
}

describe('runShare', () => {
  // Odd sides (an unpaired last row, the odd last column's line of zeros), Bluestein sides (131, 97 prime), more
  // threads than row pairs or column tiles.
  const maps = [[131, 97, 3], [64, 48, 2], [5, 33, 1], [40, 17, 4], [2, 2, 1]];
  for (const [h, w, c] of maps) {
    it(`${h}x${w}x${c}: every split into 1-5 shares gives the one-thread step bit for bit`, () => {
      const phi = uniformArray(rand, h * w * c, -1, 1);
      const rate = uniformArray(rand, h * w * c, 0, 4);
      const scale = 0.1 + rand();
      const single = new Float32Array(phi.length);
      heatConductionFast(phi, [1, h, w, c], rate, scale, single);
      for (let threads = 1; threads <= 5; threads++) {
        const { out, units } = split(phi, [h, w, c], rate, scale, threads);
        expect(out).toEqual(single);
        // Each pass covered all its units once: row pairs twice (forward, inverse), column tiles once.
        expect(units).toBe(2 * Math.ceil(h / 2) + Math.ceil(w / 16));
      }
    });
  }
});
