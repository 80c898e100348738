import { describe, expect, it } from 'vitest';
import { highContributionAreaRatios, PAPER_AREA_THRESHOLDS } from './areaRatio';
import { AnalysisInputError } from './errors';
import { testSeed, seededRandom } from '../ops/testing/testRandom';

/** Direct definition: try every r, sum the clipped square by loops. */
function bruteForce(map: Float64Array, h: number, w: number, row: number, col: number, t: number): number {
  let total = 0;
  for (const v of map) total += v;
  for (let r = 0; ; r++) {
    let held = 0;
    let area = 0;
    for (let y = row - r; y <= row + r; y++) {
      for (let x = col - r; x <= col + r; x++) {
        if (y < 0 || y >= h || x < 0 || x >= w) continue;
        held += map[y * w + x];
        area++;
      }
    }
    if (held >= t * total - 1e-9 * total || area === h * w) return area / (h * w);
  }
}

describe('highContributionAreaRatios', () => {
  it('a point mass needs only its own pixel', () => {
    const map = new Float64Array(9 * 7);
    map[3 * 7 + 2] = 5;
    for (const r of highContributionAreaRatios(map, 9, 7, { row: 3, col: 2 })) {
      expect(r.halfSide).toBe(0);
      expect(r.areaRatio).toBeCloseTo(1 / 63, 12);
      expect(r.heldFraction).toBe(1);
    }
  });

  it('uniform map, centred: (2r+1)^2 / N is the first square holding t', () => {
    const map = new Float64Array(11 * 11).fill(1);
    const [r20, r30, r50, r99] = highContributionAreaRatios(map, 11, 11, { row: 5, col: 5 }, PAPER_AREA_THRESHOLDS);
    expect(r20.areaRatio).toBeCloseTo(25 / 121, 12); // 9/121 < 0.2 <= 25/121
    expect(r30.areaRatio).toBeCloseTo(49 / 121, 12); // 25/121 = 0.207 < 0.3 <= 49/121
    expect(r50.areaRatio).toBeCloseTo(81 / 121, 12); // 49/121 = 0.405 < 0.5 <= 81/121
    expect(r99.areaRatio).toBe(1);
    expect(r99.box).toEqual([0, 0, 11, 11]);
  });

  it('clips the square at the border (corner position)', () => {
    const map = new Float64Array(10 * 10).fill(2);
    const [half] = highContributionAreaRatios(map, 10, 10, { row: 0, col: 0 }, [0.5]);
    // clipped square is (r+1)^2: 49 < 50 <= 64
    expect(half.halfSide).toBe(7);
    expect(half.box).toEqual([0, 0, 8, 8]);
    expect(half.areaRatio).toBeCloseTo(0.64, 12);
  });

  it('matches the direct definition on random maps and positions', () => {
    const seed = testSeed('areaRatio random maps');
    const rand = seededRandom(seed);
    for (let trial = 0; trial < 40; trial++) {
      const h = 1 + Math.floor(rand() * 20);
      const w = 1 + Math.floor(rand() * 20);
      const map = new Float64Array(h * w).map(() => rand() ** 4);
      const row = Math.floor(rand() * h);
      const col = Math.floor(rand() * w);
      const ts = [0.2, 0.3, 0.5, 0.99, rand()];
      const got = highContributionAreaRatios(map, h, w, { row, col }, ts);
      ts.forEach((t, i) => expect(got[i].areaRatio).toBeCloseTo(bruteForce(map, h, w, row, col, t), 12));
    }
  });

  it('agrees with the official centred definition where its answer is interior', () => {
    // Official (RepLKNet/vHeat get_rectangle): r from 1 while r < h//2, strictly '>' t.
    const seed = testSeed('areaRatio official');
    const rand = seededRandom(seed);
    const n = 31;
    const map = new Float64Array(n * n);
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) map[y * n + x] = Math.exp(-((y - 15) ** 2 + (x - 15) ** 2) / 40) * (0.5 + rand());
    let total = 0;
    for (const v of map) total += v;
    for (const t of PAPER_AREA_THRESHOLDS) {
      let official: number | null = null;
      for (let r = 1; r < Math.floor(n / 2); r++) {
        let s = 0;
        for (let y = 15 - r; y <= 15 + r; y++) for (let x = 15 - r; x <= 15 + r; x++) s += map[y * n + x];
        if (s / total > t) {
          official = ((2 * r + 1) / n) * ((2 * r + 1) / n);
          break;
        }
      }
      const [ours] = highContributionAreaRatios(map, n, n, { row: 15, col: 15 }, [t]);
      if (official !== null && ours.halfSide >= 1) expect(ours.areaRatio).toBeCloseTo(official, 12);
    }
  });

  it('rejects bad input with a typed error', () => {
    const map = new Float64Array(4);
    expect(() => highContributionAreaRatios(map, 2, 2, { row: 2, col: 0 })).toThrow(AnalysisInputError);
    expect(() => highContributionAreaRatios(map, 2, 3, { row: 0, col: 0 })).toThrow(AnalysisInputError);
    expect(() => highContributionAreaRatios(map, 2, 2, { row: 0, col: 0 }, [0])).toThrow(AnalysisInputError);
    expect(() => highContributionAreaRatios([1, -1, 0, 0], 2, 2, { row: 0, col: 0 })).toThrow(AnalysisInputError);
    expect(() => highContributionAreaRatios([1, NaN, 0, 0], 2, 2, { row: 0, col: 0 })).toThrow(AnalysisInputError);
  });
});
