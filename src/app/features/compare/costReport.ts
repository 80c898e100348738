// The cost panel's pure parts: the sides typed by the user, the curves as plot series, and what each fitted
// exponent says against its theory.
import type { CostCurve, CostOperator } from '../../../engine/analysis/costVsSize';
import type { ScalingSeries } from '../../../plots/scalingPlot';
import { formatNumber, tFor } from '../../i18n/i18n';

export const DEFAULT_COST_SIDES = [14, 28, 56, 112, 128];
const MAX_COST_SIDE = 256;

/** "14, 28,56" -> [14, 28, 56] (sorted, unique); null when a part is not a side from 2 to MAX_COST_SIDE. */
export function parseSides(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  const sides = parts.map(Number);
  if (sides.length === 0 || sides.length > 16 || !sides.every((s) => Number.isInteger(s) && s >= 2 && s <= MAX_COST_SIDE)) return null;
  return [...new Set(sides)].sort((a, b) => a - b);
}

/** An operator's name in the page's language ('heat operator, fast DCT'). */
export function operatorName(operator: CostOperator): string {
  return tFor('compare')(`cost.operators.${operator}`);
}

/** The theory's law for an operator in the page's language ('O(N log N): fast cosine transforms'). */
export function theoryText(operator: CostOperator): string {
  return tFor('compare')(`cost.theory.${operator}`);
}

/** A fitted exponent as the table writes it (1.52). */
export function exponentText(exponent: number): string {
  return formatNumber(exponent, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
}

/** One plot series per curve with points (x = tokens N = side²). */
export function costSeries(curves: CostCurve[]): ScalingSeries[] {
  return curves.filter((c) => c.points.length > 0).map((c) => ({
    label: operatorName(c.operator),
    points: c.points.map((p) => ({ pixels: p.tokens, sizeLabel: `${p.side}²`, medianMs: p.medianMs, minMs: p.minMs, maxMs: p.maxMs })),
  }));
}

/** The measured exponent against the theory's, in words. */
export function exponentVerdict(c: CostCurve): string {
  const t = tFor('compare');
  if (!Number.isFinite(c.exponent)) return t('cost.verdict.tooFew');
  const d = c.exponent - c.theory.exponent;
  const exponents = { theory: c.theory.exponent, measured: exponentText(c.exponent) };
  if (Math.abs(d) <= 0.25) return t('cost.verdict.asTheory', exponents);
  return t(d < 0 ? 'cost.verdict.slower' : 'cost.verdict.faster', exponents);
}

/** Where and why a curve stopped, or null when it reached the last side. */
export function stopVerdict(c: CostCurve): string | null {
  if (!c.stopped) return null;
  const t = tFor('compare');
  return t('cost.stop.line', { side: c.stopped.side, why: t(`cost.stop.${c.stopped.reason}`), detail: c.stopped.detail });
}
