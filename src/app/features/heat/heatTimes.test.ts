import { describe, expect, it } from 'vitest';
import { HCNET_STEPS, nearestTimeIndex, timeAxisLabels, VHEAT_TIMES } from './heatTimes';

describe('heat view times', () => {
  it('vHeat: 0 then 0.01..100 log-spaced with t = 1 exact and increasing', () => {
    expect(VHEAT_TIMES[0]).toBe(0);
    expect(VHEAT_TIMES[1]).toBe(0.01);
    expect(VHEAT_TIMES.at(-1)).toBe(100);
    expect(VHEAT_TIMES).toContain(1);
    for (let i = 1; i < VHEAT_TIMES.length; i++) expect(VHEAT_TIMES[i]).toBeGreaterThan(VHEAT_TIMES[i - 1]);
  });
  it('finds the nearest offered time on a log scale', () => {
    expect(VHEAT_TIMES[nearestTimeIndex(VHEAT_TIMES, 1)]).toBe(1);
    expect(VHEAT_TIMES[nearestTimeIndex(VHEAT_TIMES, 0.26)]).toBe(0.251);
    expect(nearestTimeIndex(VHEAT_TIMES, 0)).toBe(0);
    expect(HCNET_STEPS[nearestTimeIndex(HCNET_STEPS, 7)]).toBe(8);
  });
  it('labels 0 and the powers of ten (vHeat) or of four (HcNet) under the slider', () => {
    expect(timeAxisLabels(VHEAT_TIMES).map((l) => l.label)).toEqual(['0', '0.1', '1', '10', '100']);
    expect(timeAxisLabels(HCNET_STEPS).map((l) => l.label)).toEqual(['0', '1', '4', '16', '64']);
  });
});
