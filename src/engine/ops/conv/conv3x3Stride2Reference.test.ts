import { describe, expect, it } from 'vitest';
import { conv3x3Stride2Reference } from './conv3x3Stride2Reference';

describe('conv3x3Stride2Reference', () => {
  it('a one-hot filter picks the tap: stride 2 from (-1,-1), zero padding outside', () => {
    const x = Array.from({ length: 16 }, (_, i) => i + 1); // 4x4, one channel
    const centre = new Array(9).fill(0);
    centre[4] = 1;
    expect(Array.from(conv3x3Stride2Reference(x, [1, 4, 4, 1], centre, 1))).toEqual([1, 3, 9, 11]);
    const topLeft = new Array(9).fill(0);
    topLeft[0] = 1;
    expect(Array.from(conv3x3Stride2Reference(x, [1, 4, 4, 1], topLeft, 1))).toEqual([0, 0, 0, 6]);
  });

  it('odd sizes map to ceil(n/2) and the bias is added once', () => {
    const out = conv3x3Stride2Reference(new Array(5 * 3).fill(1), [1, 5, 3, 1], new Array(9).fill(1), 1, [10]);
    expect(out.length).toBe(3 * 2);
    // corner (0,0) sees the 2x2 in-bounds taps; (1,0) sees 3x2.
    expect(out[0]).toBe(14);
    expect(out[2]).toBe(16);
  });
});
