// A slider on a log scale: integer positions 0..positions, value 10^(lowDecade + p / stepsPerDecade), and, where
// `zeroAtStart`, exactly 0 at position 0 (e.g. conduction off). Every log slider of the page is one of these.
export interface LogSlider {
  /** The last position. */
  readonly max: number;
  toValue(position: number): number;
  toPosition(value: number): number;
}

export function logSlider({ positions, lowDecade, stepsPerDecade, zeroAtStart }: { positions: number; lowDecade: number; stepsPerDecade: number; zeroAtStart: boolean }): LogSlider {
  const first = zeroAtStart ? 1 : 0;
  /** The position of value 1. */
  const oneAt = -lowDecade * stepsPerDecade;
  return {
    max: positions,
    toValue(position) {
      const p = Math.round(Math.min(Math.max(position, 0), positions));
      if (p === 0 && zeroAtStart) return 0;
      return 10 ** ((p - oneAt) / stepsPerDecade);
    },
    toPosition(value) {
      if (!(value > 0) || !Number.isFinite(value)) return value === Infinity ? positions : 0;
      return Math.min(positions, Math.max(first, Math.round(oneAt + stepsPerDecade * Math.log10(value))));
    },
  };
}
