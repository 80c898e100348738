// Measured values in prose with the digits toFixed/toPrecision chose (rounded the same way, so English reads as it
// always did), written in the page's language by Intl (its decimal mark and grouping).
import { formatNumber } from '../../i18n/i18n';

/** A fixed count of significant digits: 0.5 -> '0.500', 12.34 -> '12.3'. */
export function formatSignificant(value: number, digits = 3): string {
  return formatNumber(Number(value.toPrecision(digits)), { minimumSignificantDigits: digits, maximumSignificantDigits: digits });
}

/** A fixed count of decimals: 1.5 -> '1.50' (grouping optional: a timing reads as one number). */
export function formatFixed(value: number, decimals: number, useGrouping = true): string {
  return formatNumber(Number(value.toFixed(decimals)), { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping });
}
