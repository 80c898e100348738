// The CPU pool's work split (cpuPoolShare.ts), run share by share on one thread: every split of every task must give
// the single-thread kernel's result bit for bit, since each value is computed by the same code either way.
// The real threads: cpuPool.browser.test.ts.
import { describe, expect, it } from 'vitest';
import { heatConductionFast } from '../heat/cpuHeatFast';
import { geluErfRows } from '../gelu/geluErfRows';
import { channelLayerNormRows } from '../norm/channelLayerNormCpuKernel';
import { CTRL, CTRL_LENGTH, ELEMENTWISE, GELU_UNIT, HEAT, NORM, REGION, TASK, runShare, shareRange, type PoolViews } from './cpuPoolShare';
import { seededRandom, testSeed, uniformArray } from '../testing/testRandom';

const rand = seededRandom(testSeed('cpuPoolShare'));

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

/** Plain (unshared) views over one buffer of `floats32` float32 values: the DATA region only. */
function views(floats32: number, float: number): PoolViews {
  const data = new ArrayBuffer(4 * floats32);
  return { ctrl: new Int32Array(CTRL_LENGTH), floats: new Float64Array([float]), f32: new Float32Array(data), f64: new Float64Array(data), heap: null };
}

/** Runs the passes with `threads` shares each, last share first (no share may depend on another's order); returns the units done. */
function runPasses(v: PoolViews, tasks: number[], threads: number): number {
  v.ctrl[CTRL.THREADS] = threads;
  let units = 0;
  for (const task of tasks) {
    v.ctrl[CTRL.TASK] = task;
    for (let k = threads - 1; k >= 0; k--) units += runShare(v, k);
  }
  return units;
}

function at(v: PoolViews, slot: number, offset: number): void {
  v.ctrl[slot] = REGION.DATA;
  v.ctrl[slot + 1] = offset;
}

describe('runShare: the heat step', () => {
  // Odd sides (an unpaired last row, the odd last column's line of zeros), Bluestein sides (131, 97 prime), more
  // threads than row pairs or column tiles.
  for (const [h, w, c] of [[131, 97, 3], [64, 48, 2], [5, 33, 1], [40, 17, 4], [2, 2, 1]]) {
    it(`${h}x${w}x${c}: every split into 1-5 shares gives the one-thread step bit for bit`, () => {
      const size = h * w * c;
      const phi = uniformArray(rand, size, -1, 1);
      const rate = uniformArray(rand, size, 0, 4);
      const scale = 0.1 + rand();
      const single = new Float32Array(size);
      heatConductionFast(phi, [1, h, w, c], rate, scale, single);
      for (let threads = 1; threads <= 5; threads++) {
        const rateAt = 2 * (size + h);
        const imageAt = rateAt + size;
        const v = views(imageAt + size, scale);
        Object.assign(v.ctrl, { [HEAT.H]: h, [HEAT.W]: w, [HEAT.C]: c, [HEAT.PLANES]: 0 });
        at(v, HEAT.RATE, rateAt);
        at(v, HEAT.PHI, imageAt);
        at(v, HEAT.OUT, imageAt);
        v.f32.set(rate, rateAt);
        v.f32.set(phi, imageAt);
        const units = runPasses(v, [TASK.HEAT_ROWS_FORWARD, TASK.HEAT_COLUMNS, TASK.HEAT_ROWS_INVERSE], threads);
        expect(v.f32.slice(imageAt, imageAt + size)).toEqual(single);
        // Each pass covered all its units once: row pairs twice (forward, inverse), column tiles once.
        expect(units).toBe(2 * Math.ceil(h / 2) + Math.ceil(w / 16));
      }
    });
  }
});

describe('runShare: GELU and LayerNorm', () => {
  it('GELU: every split of 3.5 units of values into 1-5 shares gives the one-thread pass bit for bit', () => {
    const n = Math.floor(3.5 * GELU_UNIT);
    const x = uniformArray(rand, n, -6, 6);
    const single = new Float32Array(n);
    geluErfRows(x, single);
    for (let threads = 1; threads <= 5; threads++) {
      const v = views(2 * n, 0);
      v.ctrl[ELEMENTWISE.N] = n;
      at(v, ELEMENTWISE.X, 0);
      at(v, ELEMENTWISE.OUT, n);
      v.f32.set(x, 0);
      expect(runPasses(v, [TASK.GELU], threads)).toBe(4);
      expect(v.f32.slice(n, 2 * n)).toEqual(single);
    }
  });

  it('LayerNorm: every split of 37 rows of 24 channels into 1-5 shares gives the one-thread pass bit for bit', () => {
    const [rows, c] = [37, 24];
    const x = uniformArray(rand, rows * c, -3, 3);
    const weight = uniformArray(rand, c, 0.5, 1.5);
    const bias = uniformArray(rand, c, -1, 1);
    const eps = 1e-5;
    const single = new Float32Array(rows * c);
    channelLayerNormRows(x, weight, bias, eps, single);
    for (let threads = 1; threads <= 5; threads++) {
      const v = views(2 * rows * c + 2 * c, eps);
      Object.assign(v.ctrl, { [NORM.ROWS]: rows, [NORM.C]: c });
      at(v, NORM.X, 0);
      at(v, NORM.WEIGHT, rows * c);
      at(v, NORM.BIAS, rows * c + c);
      at(v, NORM.OUT, rows * c + 2 * c);
      v.f32.set(x, 0);
      v.f32.set(weight, rows * c);
      v.f32.set(bias, rows * c + c);
      expect(runPasses(v, [TASK.LAYER_NORM], threads)).toBe(rows);
      expect(v.f32.slice(rows * c + 2 * c, 2 * rows * c + 2 * c)).toEqual(single);
    }
  });
});
