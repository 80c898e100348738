import { describe, expect, it } from 'vitest';
import { denseReference, erf64 } from './denseReference';

describe('denseReference', () => {
  it('erf64 matches tabulated values on both branches and is odd', () => {
    // Abramowitz & Stegun table 7.1 / standard values.
    const table: [number, number][] = [
      [0, 0],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [2.9, 0.9999589021219005],
      [3, 0.9999779095030014],
      [4, 0.9999999845827421],
    ];
    for (const [z, v] of table) {
      // ~1e-14 near the branch point (series cancellation), far below float32's 6e-8.
      expect(erf64(z)).toBeCloseTo(v, 12);
      expect(erf64(-z)).toBeCloseTo(-v, 12);
    }
  });

  it('computes x W + b and the exact GELU', () => {
    // x [2,2], W [2,3]
    const lin = denseReference([1, 2, -1, 0.5], [1, 0, 2, 0, 1, -1], [0.5, 0, -0.5], [2, 2, 3], 'linear');
    expect(Array.from(lin)).toEqual([1.5, 2, -0.5, -0.5, 0.5, -3]);
    const g = denseReference([1], [1], [0], [1, 1, 1], 'gelu');
    expect(g[0]).toBeCloseTo(0.8413447460685429, 14); // gelu(1) = Phi(1)
  });
});
