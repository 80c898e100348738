// The diffusivity scale (what multiplies vHeat's learned k or HcNet's alpha) on its slider: a log scale from
// 0.01 to 10 with 1 at two thirds of the track, and 0 (conduction off) reachable at the far left.
import { logSlider } from '../../ui/logSlider';

export const SCALE_SLIDER = logSlider({ positions: 300, lowDecade: -2, stepsPerDecade: 100, zeroAtStart: true });
export const SLIDER_MAX = SCALE_SLIDER.max;
/** Position of scale 1. */
export const ONE_AT = SCALE_SLIDER.toPosition(1);

export const sliderToScale = (position: number): number => SCALE_SLIDER.toValue(position);
export const scaleToSlider = (value: number): number => SCALE_SLIDER.toPosition(value);

/** The scale's number (the page says "0 (off)" from its catalogue). */
export function formatScale(value: number): string {
  if (value === 0) return '0';
  if (value >= 10 || value < 0.01) return value.toPrecision(2);
  return value.toFixed(value < 0.1 ? 3 : 2);
}
