import { describe, expect, it } from 'vitest';
import { cpuPathThreads } from './cpuThreads';

describe('cpuPathThreads', () => {
  it('maps each policy onto a pool of 1 to 8 threads', () => {
    expect([1, 2, 4, 16].map((n) => cpuPathThreads(n, 'half'))).toEqual([1, 1, 2, 8]);
    expect([1, 2, 4, 16].map((n) => cpuPathThreads(n, 'all'))).toEqual([1, 2, 4, 8]);
    expect([1, 2, 4, 16].map((n) => cpuPathThreads(n, 'all-but-one'))).toEqual([1, 1, 3, 8]);
  });

  it('treats a missing or bad core count as one core', () => {
    expect(cpuPathThreads(Number.NaN, 'all')).toBe(1);
    expect(cpuPathThreads(0, 'all')).toBe(1);
  });
});
