// Which bundled models the comparison view shows, and the rows of its area table: pure helpers.
import type { BundledModelEntry, ComparisonErf } from '../../worker/protocol';

/**
 * Every bundled model of the loaded model's domain (its `samples` kind: same data set, same input size), the loaded
 * one first; none when the loaded model is not a bundled one with a domain.
 */
export function comparisonEntries(bundled: BundledModelEntry[], modelId: string | null): BundledModelEntry[] {
  const current = bundled.find((b) => b.id === modelId);
  if (!current?.samples) return [];
  const same = bundled.filter((b) => b.samples === current.samples);
  return [current, ...same.filter((b) => b.id !== current.id)];
}

/** The thresholds the comparison table shows. */
export const TABLE_THRESHOLDS = [0.2, 0.5, 0.99];

export interface AreaRow {
  threshold: number;
  /** Area ratio (0..1) per column, null where the column has no such threshold. */
  ratios: (number | null)[];
}

/** One row per threshold, one value per model column. */
export function areaRows(columns: ComparisonErf[], thresholds = TABLE_THRESHOLDS): AreaRow[] {
  return thresholds.map((threshold) => ({
    threshold,
    ratios: columns.map((c) => c.erf.ratios.find((r) => Math.abs(r.threshold - threshold) < 1e-9)?.areaRatio ?? null),
  }));
}

/** Short name of a column: the entry title's first part ("vHeat 1.9M · Fashion-MNIST · …" -> "vHeat 1.9M"). */
export function shortTitle(title: string): string {
  return title.split('·')[0].trim();
}
