import { describe, expect, it } from 'vitest';
import { indexOfShown, shownNumber } from './numbering';

describe('stage and block numbering', () => {
  it('counts from 1 for people and from 0 inside; 0, fractions and negatives are no number', () => {
    expect(shownNumber(0)).toBe(1);
    expect(indexOfShown(1)).toBe(0);
    expect(indexOfShown(shownNumber(3))).toBe(3);
    for (const bad of [0, -1, 1.5, NaN]) expect(indexOfShown(bad)).toBeUndefined();
  });
});
