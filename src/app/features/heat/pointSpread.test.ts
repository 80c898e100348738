import { describe, expect, it } from 'vitest';
import type { MapStack } from '../../worker/protocol';
import { pointSpread } from './pointSpread';

const signed = (values: number[], m: number): MapStack => ({
  frames: 1, height: 1, width: values.length, channels: 1, signed: true, range: [-m, m], data: Float32Array.from(values, (v) => 0.5 + 0.5 * (v / m)),
});

describe('pointSpread', () => {
  it('ends the scale at the largest value outside the placed cell; the cell is off scale', () => {
    const s = pointSpread(signed([0.1, 1, -0.2, 0.05], 1), 0, 1);
    expect(s.centre).toBeCloseTo(1);
    expect(s.top).toBeCloseTo(0.2);
    expect(s.offScale).toBe(true);
    expect(s.map.range).toEqual([-s.top, s.top]);
    expect(Array.from(s.map.data).map((v) => Number(v.toFixed(3)))).toEqual([0.75, 1, 0, 0.625]);
  });

  it('a lone dot keeps its own scale', () => {
    const s = pointSpread(signed([0, 0.5, 0], 0.5), 0, 1);
    expect(s.top).toBeCloseTo(0.5);
    expect(s.offScale).toBe(false);
  });
});
