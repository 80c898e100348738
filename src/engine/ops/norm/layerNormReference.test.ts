import { describe, expect, it } from 'vitest';
import { channelLayerNormReference } from './layerNormReference';

describe('channelLayerNormReference', () => {
  it('normalises each pixel over its channels, then applies the affine', () => {
    // pixel 0: [1, 2, 3] -> mean 2, var 2/3; pixel 1: constant -> zeros before the affine.
    const eps = 1e-12;
    const out = channelLayerNormReference([1, 2, 3, 5, 5, 5], 3, [1, 2, 1], [0, 0, 0.5], eps);
    const r = 1 / Math.sqrt(2 / 3 + eps);
    expect(Array.from(out.slice(0, 3))).toEqual([-r, 0, r + 0.5].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(out.slice(3))).toEqual([0, 0, 0.5]);
  });

  it('eps enters under the square root', () => {
    const [a] = channelLayerNormReference([0, 2], 2, [1, 1], [0, 0], 3);
    expect(a).toBeCloseTo(-1 / Math.sqrt(1 + 3), 12);
  });

  it('rejects mismatched sizes', () => {
    expect(() => channelLayerNormReference([1, 2, 3], 2, [1, 1], [0, 0], 1e-5)).toThrow(/multiple/);
    expect(() => channelLayerNormReference([1, 2], 2, [1], [0, 0], 1e-5)).toThrow(/weight/);
  });
});
