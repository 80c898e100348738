import { describe, expect, it } from 'vitest';
import type { MapStack } from '../../worker/protocol';
import { tileStrip } from './tileStrip';

const map = (v: number): MapStack => ({ frames: 1, height: 2, width: 2, channels: 1, data: Float32Array.from([v, v + 0.1, v + 0.2, v + 0.3]) });

describe('tileStrip', () => {
  it('puts the maps side by side with an empty gap, leaving missing maps empty', () => {
    const strip = tileStrip([map(0.5), null, map(0.1)], 2, 1);
    expect(strip.width).toBe(8);
    expect(strip.height).toBe(2);
    expect(Array.from(strip.data.slice(0, 8)).map((v) => Number(v.toFixed(2)))).toEqual([0.5, 0.6, 0, 0, 0, 0, 0.1, 0.2]);
    expect(Array.from(strip.data.slice(8)).map((v) => Number(v.toFixed(2)))).toEqual([0.7, 0.8, 0, 0, 0, 0, 0.3, 0.4]);
  });

  it('refuses a map of another size', () => {
    expect(() => tileStrip([map(0)], 3, 1)).toThrow(/expected 3x3x1/);
  });
});
