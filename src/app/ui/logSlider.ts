// The diffusivity slider's log scale, with 0 (conduction off) reachable at the far left.
// Positions are integers 0..SLIDER_MAX: 0 -> 0; p >= 1 -> 10^((p - ONE_AT) / STEPS_PER_DECADE).

export const SLIDER_MAX = 300;
/** Position of multiplier 1. */
export const ONE_AT = 200;
export const STEPS_PER_DECADE = 100;

export function sliderToMultiplier(position: number): number {
  const p = Math.round(Math.min(Math.max(position, 0), SLIDER_MAX));
  if (p === 0) return 0;
  return 10 ** ((p - ONE_AT) / STEPS_PER_DECADE);
}

export function multiplierToSlider(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return value === Infinity ? SLIDER_MAX : 0;
  return Math.min(SLIDER_MAX, Math.max(1, Math.round(ONE_AT + STEPS_PER_DECADE * Math.log10(value))));
}

export function formatMultiplier(value: number): string {
  if (value === 0) return '0 (off)';
  if (value >= 10 || value < 0.01) return value.toPrecision(2);
  return value.toFixed(value < 0.1 ? 3 : 2);
}
