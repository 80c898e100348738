import { describe, expect, it } from 'vitest';
import type { FrameMaps } from '../../engine/analysis';
import { toMapStack } from './mapStack';

function frames(count: number, h: number, w: number, k: number, data: number[]): FrameMaps {
  const d = Float32Array.from(data);
  const n = h * w * k;
  const range = (a: Float32Array): [number, number] => [Math.min(...a), Math.max(...a)];
  const frameRanges = Array.from({ length: count }, (_, t) => range(d.subarray(t * n, (t + 1) * n)));
  const componentRanges = Array.from({ length: k }, (_, j) => range(d.filter((_, i) => i % k === j)));
  return { count, height: h, width: w, components: k, data: d, frameRanges, componentRanges };
}

describe('toMapStack', () => {
  it('shared scaling keeps the decay between frames visible', () => {
    // Two 1x2 frames: the second is half the first.
    const m = toMapStack(frames(2, 1, 2, 1, [0, 4, 0, 2]), 'shared');
    expect(Array.from(m.data)).toEqual([0, 1, 0, 0.5]);
    expect(m.channels).toBe(1);
  });
  it('per-frame scaling stretches each frame to [0, 1]', () => {
    const m = toMapStack(frames(2, 1, 2, 1, [0, 4, 0, 2]), 'per-frame');
    expect(Array.from(m.data)).toEqual([0, 1, 0, 1]);
  });
  it('three components become RGB, each on its own range; a flat map sits at 0.5', () => {
    const m = toMapStack(frames(1, 1, 2, 3, [0, 5, -1, 10, 5, 1]), 'shared');
    expect(m.channels).toBe(3);
    expect(Array.from(m.data)).toEqual([0, 0.5, 0, 1, 0.5, 1]);
  });
});
