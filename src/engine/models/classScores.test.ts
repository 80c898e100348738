import { describe, expect, it } from 'vitest';
import { softmax, topK } from './classScores';

describe('softmax and topK', () => {
  it('softmax sums to 1 and survives large logits', () => {
    const p = softmax([1000, 1000, 0]);
    expect(p[0]).toBeCloseTo(0.5, 12);
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12);
    expect(p[2]).toBeLessThan(1e-300);
  });

  it('ranks by logit, ties by the lower index, with labels and a fallback label', () => {
    const top = topK([0.5, 2, 2, -1], ['a', 'b'], 3);
    expect(top.map((t) => t.index)).toEqual([1, 2, 0]);
    expect(top.map((t) => t.label)).toEqual(['b', 'class 2', 'a']);
    expect(top[0].probability).toBeCloseTo(Math.exp(2) / (Math.exp(0.5) + 2 * Math.exp(2) + Math.exp(-1)), 12);
  });
});
