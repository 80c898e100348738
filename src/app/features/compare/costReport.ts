// The cost panel's pure parts: the sides typed by the user, the curves as plot series, and what each fitted
// exponent says against its theory.
import type { CostCurve, CostOperator } from '../../../engine/analysis/costVsSize';
import type { ScalingSeries } from '../../../plots/scalingPlot';

export const DEFAULT_COST_SIDES = [14, 28, 56, 112, 128];
const MAX_COST_SIDE = 256;

/** "14, 28,56" -> [14, 28, 56] (sorted, unique); null when a part is not a side from 2 to MAX_COST_SIDE. */
export function parseSides(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  const sides = parts.map(Number);
  if (sides.length === 0 || sides.length > 16 || !sides.every((s) => Number.isInteger(s) && s >= 2 && s <= MAX_COST_SIDE)) return null;
  return [...new Set(sides)].sort((a, b) => a - b);
}

export const OPERATOR_NAMES: Record<CostOperator, string> = {
  'heat-matrix': 'heat operator, matrix passes',
  'heat-fast': 'heat operator, fast DCT',
  'global-attention': 'global self-attention',
  'window-attention': 'window attention (7×7)',
  'depthwise-conv': 'depthwise conv (7×7)',
};

/** One plot series per curve with points (x = tokens N = side²). */
export function costSeries(curves: CostCurve[]): ScalingSeries[] {
  return curves.filter((c) => c.points.length > 0).map((c) => ({
    label: OPERATOR_NAMES[c.operator],
    points: c.points.map((p) => ({ pixels: p.tokens, sizeLabel: `${p.side}²`, medianMs: p.medianMs, minMs: p.minMs, maxMs: p.maxMs })),
  }));
}

/** The measured exponent against the theory's, in words. */
export function exponentVerdict(c: CostCurve): string {
  if (!Number.isFinite(c.exponent)) return 'too few sizes measured to fit an exponent';
  const d = c.exponent - c.theory.exponent;
  if (Math.abs(d) <= 0.25) return `grows as the theory says (measured N^${c.exponent.toFixed(2)})`;
  if (d < 0) return `grows more slowly than the theory's N^${c.theory.exponent} (measured N^${c.exponent.toFixed(2)}): at these sizes fixed costs (dispatch, read-back) still dominate`;
  return `grows faster than the theory's N^${c.theory.exponent} (measured N^${c.exponent.toFixed(2)}): memory traffic or the device's limits weigh more at the larger sizes`;
}

/** Where and why a curve stopped, or null when it reached the last side. */
export function stopVerdict(c: CostCurve): string | null {
  if (!c.stopped) return null;
  const why = { time: 'a call took longer than the time cap', memory: 'its largest intermediate would exceed the memory cap', unavailable: 'not available on this backend', error: 'it failed' }[c.stopped.reason];
  return `stopped before side ${c.stopped.side}: ${why} (${c.stopped.detail})`;
}
