// The ERF's colour scale in words and numbers: colour = log10(1 + g) / log10(1 + max g), with g the size of the
// input gradient; the ticks are values of g.
import { tFor } from '../../i18n/i18n';
import { fromLogDisplay } from '../../ui/render/displayRange';
import { formatTick } from '../../ui/render/scale';
import type { ColourScale } from '../../ui/ColourBar';

/** g at display value d of a map whose largest g is `maxG`: (1 + maxG)^d - 1. */
export function gradientAt(display: number, maxG: number): number {
  return fromLogDisplay(display, maxG);
}

export function erfColourScale(maxG: number): ColourScale {
  const t = tFor('erf');
  return {
    colormap: 'inferno',
    lo: 0,
    hi: 1,
    ticks: [0, 0.5, 1],
    // The ticks are values of g (colour = log10(1 + g) / log10(1 + max g)); the caption's toggle explains g.
    tickLabels: ['0', formatTick(gradientAt(0.5, maxG)), formatTick(maxG)],
    label: t('scaleLabel', { max: formatTick(maxG) }),
  };
}

/** What g is, for captions. */
export function gradientWords(): string {
  return tFor('erf')('gradientWords');
}
