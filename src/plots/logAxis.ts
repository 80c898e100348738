// Logarithmic axes: a domain rounded out to 1-2-5 steps, and ticks with numbers (every decade, plus 2 and 5
// where the axis spans few decades), so a log axis can be read without counting grid lines.
import { InternalError } from '../engine/errors';

export interface Tick {
  value: number;
  /** Decades (1, 10, 100 ...) are major: stronger grid line. */
  major: boolean;
}

const STEPS = [1, 2, 5];

/** The largest 1-2-5 value <= v (v > 0). */
function floorStep(v: number): number {
  const decade = 10 ** Math.floor(Math.log10(v));
  const m = v / decade;
  const step = [...STEPS].reverse().find((s) => s <= m * (1 + 1e-9)) ?? 1;
  return step * decade;
}

/** The smallest 1-2-5 value >= v (v > 0). */
function ceilStep(v: number): number {
  const decade = 10 ** Math.floor(Math.log10(v));
  const m = v / decade;
  const step = STEPS.find((s) => s >= m * (1 - 1e-9));
  return step === undefined ? 10 * decade : step * decade;
}

/** A log domain covering [min, max] whose ends are 1-2-5 values, at least one step wide. */
export function logDomain(min: number, max: number): [number, number] {
  if (!(min > 0 && max > 0 && Number.isFinite(min) && Number.isFinite(max))) throw new InternalError(`logDomain: need positive finite values, got ${min}, ${max}`);
  let lo = floorStep(Math.min(min, max));
  let hi = ceilStep(Math.max(min, max));
  if (hi <= lo) {
    lo = floorStep(lo * 0.99);
    hi = ceilStep(hi * 1.01);
  }
  return [lo, hi];
}

const ALL_STEPS = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/**
 * Ticks of a log axis over [lo, hi]: decades always; 2 and 5 too when the axis spans under `maxDecadesFor125`
 * decades; every multiple (1, 2, 3 ... 9) when it spans under one decade.
 */
export function logTicks(lo: number, hi: number, maxDecadesFor125 = 3): Tick[] {
  const decades = Math.log10(hi / lo);
  const steps = decades < 1 ? ALL_STEPS : decades <= maxDecadesFor125 ? STEPS : [1];
  const ticks: Tick[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const s of steps) {
      const value = Number((s * 10 ** e).toPrecision(6));
      if (value >= lo * (1 - 1e-9) && value <= hi * (1 + 1e-9)) ticks.push({ value, major: s === 1 });
    }
  }
  return ticks;
}

/** Maps a value on [lo, hi] (log) to [from, to] (pixels). */
export function logScale(lo: number, hi: number, from: number, to: number): (v: number) => number {
  const a = Math.log(lo);
  const span = Math.log(hi) - a;
  return (v) => from + ((Math.log(v) - a) / span) * (to - from);
}

/** A log domain with a margin of `fraction` of its span (in decades) on both sides, so end points clear the frame. */
export function paddedLogDomain(min: number, max: number, fraction = 0.06): [number, number] {
  if (!(min > 0 && max > 0 && Number.isFinite(min) && Number.isFinite(max))) throw new InternalError(`paddedLogDomain: need positive finite values, got ${min}, ${max}`);
  const [lo, hi] = [Math.min(min, max), Math.max(min, max)];
  const pad = 10 ** Math.max(fraction * Math.log10(hi / lo), 0.05);
  return [lo / pad, hi * pad];
}
