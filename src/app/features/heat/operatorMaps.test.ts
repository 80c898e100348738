import { describe, expect, it } from 'vitest';
import { openShare, pictureMap, symmetric, unionRange } from './operatorMaps';

describe('operator pictures as maps', () => {
  it('scales a picture onto its range, clamped; signed pictures put 0 in the middle', () => {
    const p = { data: Float32Array.from([-2, 0, 1, 4]), range: [-2, 4] as [number, number] };
    expect(Array.from(pictureMap(p, 2, 2, [0, 2]).data)).toEqual([0, 0, 0.5, 1]);
    const signed = pictureMap(p, 2, 2, [-2, 4], true);
    expect(signed.range).toEqual([-4, 4]);
    expect(signed.signed).toBe(true);
    expect(Array.from(signed.data)).toEqual([0.25, 0.5, 0.625, 1]);
  });

  it('a flat range draws the first colour (signed: zero)', () => {
    const p = { data: Float32Array.from([3, 3]), range: [3, 3] as [number, number] };
    expect(Array.from(pictureMap(p, 1, 2, [3, 3]).data)).toEqual([0, 0]);
    expect(Array.from(pictureMap({ data: Float32Array.from([0, 0]), range: [0, 0] }, 1, 2, [0, 0], true).data)).toEqual([0.5, 0.5]);
  });

  it('ranges: symmetric around 0, union of two; the open share of a mask', () => {
    expect(symmetric([-1, 3])).toEqual([-3, 3]);
    expect(unionRange([0, 2], [-1, 1])).toEqual([-1, 2]);
    expect(openShare({ data: Float32Array.from([1, 0.9, 0.5, 0.1]), range: [0.1, 1] })).toBe(0.5);
  });
});
