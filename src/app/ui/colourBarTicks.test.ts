import { describe, expect, it } from 'vitest';
import { fitTicks, scaleTicks, type PlacedTick } from './ColourBar';

/** Every pair of neighbouring labels, as laid out on a bar `width` px wide at 7 px per character, is apart. */
function apart(ticks: PlacedTick[], width: number): boolean {
  const box = (t: PlacedTick): [number, number] => {
    const w = t.label.length * 7;
    const x = t.at * width;
    return t.at <= 0.001 ? [x, x + w] : t.at >= 0.999 ? [x - w, x] : [x - w / 2, x + w / 2];
  };
  return ticks.every((t, i) => i === 0 || box(ticks[i - 1])[1] < box(t)[0]);
}

describe('colour bar ticks', () => {
  it('drops an inner tick whose label would run into an end label ("0.00951" + "0.05")', () => {
    const scale = { colormap: 'inferno' as const, lo: 0.00951, hi: 0.2, label: 'x' };
    const narrow = scaleTicks(scale, 180);
    expect(narrow.map((t) => t.label)).not.toContain('0.05');
    expect(narrow[0].label).toBe('0.00951');
    expect(narrow[narrow.length - 1].label).toBe('0.2');
    expect(apart(narrow, 180)).toBe(true);
    // A wide bar has room for it.
    expect(scaleTicks(scale, 600).map((t) => t.label)).toContain('0.05');
  });

  it('keeps both ends and the given ticks when they fit; never overlaps across ranges and widths', () => {
    expect(scaleTicks({ colormap: 'inferno', lo: 0, hi: 1, label: 'g', ticks: [0, 0.5, 1] }, 180).map((t) => t.value)).toEqual([0, 0.5, 1]);
    for (const [lo, hi] of [[0.00951, 0.2], [-0.87, 0.87], [1e-5, 3e-3], [0, 12345], [2.5, 2.51], [-3e4, 1]]) {
      for (const width of [120, 180, 300, 500]) {
        const ticks = scaleTicks({ colormap: 'inferno', lo, hi, label: 'v' }, width);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(apart(ticks, width), `${lo}..${hi} at ${width} px: ${ticks.map((t) => t.label).join(' ')}`).toBe(true);
      }
    }
    expect(fitTicks([], 100)).toEqual([]);
  });
});
