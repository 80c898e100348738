// The ERF panel's small words shared by its figures: a share as a percentage, a depth's name ('stem' translated,
// 'S2.3' as it is; file names keep depthLabel's ASCII).
import { depthLabel, type NetworkDepth } from '../../../engine/analysis/networkDepths';
import { formatNumber, tFor } from '../../i18n/i18n';

/** A fraction (0.123) as the panel writes it: '12 %' (digits = 0) or '12.3 %' (digits = 1). */
export function sharePercent(fraction: number, digits = 0): string {
  return tFor('erf')('percent', { value: formatNumber(fraction * 100, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }) });
}

/** A depth as the page shows it: the stem in words, then 'S<stage>.<block>'. */
export function depthName(depth: NetworkDepth): string {
  return depth.stage === 0 && depth.blocks === 0 ? tFor('erf')('stem') : depthLabel(depth);
}
