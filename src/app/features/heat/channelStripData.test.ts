import { describe, expect, it } from 'vitest';
import { channelBars, conductionSummary } from './channelStripData';

describe('channel strip data', () => {
  it('sorts channels by mean k, largest first, and counts those that never conduct', () => {
    const bars = channelBars([0, 2.5, 0.1, 0, 1], [false, true, true, false, true]);
    expect(bars.map((b) => b.channel)).toEqual([1, 4, 2, 0, 3]);
    expect(conductionSummary(bars, 'k')).toBe('3 of 5 channels conduct; 2 never do (k = 0): they keep local detail');
  });

  it('says so when every channel conducts, and gives the alpha range for HcNet', () => {
    expect(conductionSummary(channelBars([1, 2], [true, true]), 'k')).toBe('all 2 channels conduct');
    expect(conductionSummary(channelBars([0.25, 0.5], [true, true]), 'alpha')).toBe('2 channels, α from 0.25 to 0.50');
  });
});
