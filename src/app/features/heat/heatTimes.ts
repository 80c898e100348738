// The times the heat view offers. Heat blurs fastest at small t, so time is spaced logarithmically: the
// visible change is spread over the slider instead of happening in its first tenth.

/** vHeat: t = 0, then 0.01 to 100 at ten steps per decade (t = 1, the block's own operator, is exact). */
export const VHEAT_TIMES = [0, ...Array.from({ length: 41 }, (_, i) => Number((10 ** ((i - 20) / 10)).toPrecision(3)))];
/** HcNet: explicit step counts, about three per doubling (1 = the block's own step). */
export const HCNET_STEPS = [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128];

/** Index of the offered time nearest to t (log distance; 0 matches only 0). */
export function nearestTimeIndex(times: readonly number[], t: number): number {
  if (!(t > 0)) return 0;
  let best = 1;
  for (let i = 1; i < times.length; i++) if (Math.abs(Math.log(times[i] / t)) < Math.abs(Math.log(times[best] / t))) best = i;
  return best;
}

/** Labelled positions under the time slider: 0, then 0.1, 1, 10, 100 (vHeat) or 1, 4, 16, 64 steps (HcNet). */
export function timeAxisLabels(times: readonly number[]): { index: number; label: string }[] {
  const marks = times === VHEAT_TIMES ? [0.1, 1, 10, 100] : [1, 4, 16, 64];
  return [{ index: 0, label: '0' }, ...marks.map((m) => ({ index: times.indexOf(m), label: String(m) })).filter((l) => l.index > 0)];
}
