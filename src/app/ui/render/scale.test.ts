import { describe, expect, it } from 'vitest';
import { formatTick, logTicks, niceTicks } from './scale';

describe('niceTicks', () => {
  it('keeps both ends and puts 1/2/5 steps between them', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.0261, 0.558, 4)).toEqual([0.0261, 0.2, 0.558]);
    expect(niceTicks(-3, 3, 4)).toEqual([-3, 0, 3]);
  });
  it('a flat range gives one tick, a swapped range is put in order, non-finite gives none', () => {
    expect(niceTicks(2, 2)).toEqual([2]);
    expect(niceTicks(1, 0, 3)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0, Infinity)).toEqual([]);
  });
});

describe('formatTick and logTicks', () => {
  it('prints three significant digits, exponents only far from 1', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(0.55812)).toBe('0.558');
    expect(formatTick(123456)).toBe('1.2e5');
    expect(formatTick(0.00001234)).toBe('1.2e-5');
  });
  it('ticks powers of ten on a log axis', () => {
    expect(logTicks(0.01, 100)).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(logTicks(0.012, 95)).toEqual([0.012, 0.1, 1, 10, 95]);
  });
});
