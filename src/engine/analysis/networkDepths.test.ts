import { describe, expect, it } from 'vitest';
import { depthLabel, networkDepths } from './networkDepths';

describe('networkDepths', () => {
  it('lists the stem, then every block of every stage in order', () => {
    const d = networkDepths([2, 1, 3]);
    expect(d).toEqual([
      { stage: 0, blocks: 0 },
      { stage: 0, blocks: 1 },
      { stage: 0, blocks: 2 },
      { stage: 1, blocks: 1 },
      { stage: 2, blocks: 1 },
      { stage: 2, blocks: 2 },
      { stage: 2, blocks: 3 },
    ]);
    expect(d.map(depthLabel)).toEqual(['stem', 'S1.1', 'S1.2', 'S2.1', 'S3.1', 'S3.2', 'S3.3']);
  });

  it('refuses empty or non-positive depths', () => {
    expect(() => networkDepths([])).toThrow(/bad stage depths/);
    expect(() => networkDepths([2, 0])).toThrow(/bad stage depths/);
  });
});
