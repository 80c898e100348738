// The panel's settings: defaults for a real device, URL overrides (?bench-sizes=32,64&bench-runs=1&bench-warmup=0,
// for a quick run on a slow adapter or a test), and checking what the user typed.
import { tFor } from '../../i18n/i18n';
import type { DeviceBenchmarkSettings } from './deviceBenchmarkProtocol';

export const DEFAULT_SIZES = [224, 384, 512, 768];
export const DEFAULT_RUNS = 5;
export const DEFAULT_WARMUP = 1;
const MIN_SIDE = 32;
const MAX_SIDE = 2048;

export interface SettingsText {
  sizes: string;
  runs: string;
  warmup: string;
}

export function initialSettingsText(search: string): SettingsText {
  const q = new URLSearchParams(search);
  return {
    sizes: q.get('bench-sizes')?.split(',').join(', ') ?? DEFAULT_SIZES.join(', '),
    runs: q.get('bench-runs') ?? String(DEFAULT_RUNS),
    warmup: q.get('bench-warmup') ?? String(DEFAULT_WARMUP),
  };
}

/** Settings from the form, or the reason they are not valid. */
export function parseSettings(text: SettingsText, seed: number): { settings: DeviceBenchmarkSettings } | { problem: string } {
  const t = tFor('benchmark');
  const sizes = text.sizes.split(/[\s,]+/).filter(Boolean).map(Number);
  if (sizes.length === 0 || !sizes.every((s) => Number.isInteger(s) && s >= MIN_SIDE && s <= MAX_SIDE)) {
    return { problem: t('problem.sizes', { min: MIN_SIDE, max: MAX_SIDE }) };
  }
  const runs = Number(text.runs);
  const warmup = Number(text.warmup);
  if (!(Number.isInteger(runs) && runs >= 1 && runs <= 100)) return { problem: t('problem.runs', { min: 1, max: 100 }) };
  if (!(Number.isInteger(warmup) && warmup >= 0 && warmup <= 10)) return { problem: t('problem.warmup', { min: 0, max: 10 }) };
  return { settings: { sizes: [...new Set(sizes)].sort((a, b) => a - b), runs, warmup, seed } };
}
