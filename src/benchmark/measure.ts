import { InternalError } from '../engine/errors';
import type { BenchRow, MeasureOptions } from './types';

function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/** Runs `run` warmup times untimed, then `runs` times timed with performance.now(). */
export async function measure(
  name: string,
  params: BenchRow['params'],
  run: () => Promise<void>,
  opts: MeasureOptions = {},
): Promise<BenchRow> {
  const warmup = opts.warmup ?? 2;
  const runs = opts.runs ?? 10;
  if (!(Number.isInteger(runs) && runs >= 1)) throw new InternalError(`measure(${name}): runs must be a positive integer`);
  for (let i = 0; i < warmup; i++) await run();
  const samplesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    samplesMs.push(performance.now() - t0);
  }
  return rowFromSamples(name, params, samplesMs, warmup);
}

/** A row from timed samples taken elsewhere (e.g. two times read off one run). */
export function rowFromSamples(name: string, params: BenchRow['params'], samplesMs: number[], warmup: number): BenchRow {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const medianMs = median(sorted);
  const [minMs, maxMs] = [sorted[0], sorted[sorted.length - 1]];
  return { name, params, runs: samplesMs.length, warmup, medianMs, minMs, maxMs, spread: (maxMs - minMs) / medianMs, samplesMs };
}

/** One row from several measurements of the same thing (e.g. rounds): every sample pooled, the first's name and params. */
export function pooledRow(parts: readonly BenchRow[]): BenchRow {
  if (parts.length === 0) throw new InternalError('pooledRow: no rows');
  const warmup = parts.reduce((a, r) => a + r.warmup, 0);
  return rowFromSamples(parts[0].name, parts[0].params, parts.flatMap((r) => r.samplesMs), warmup);
}
