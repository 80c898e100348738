// Display values on the page: maps arrive from the engine as display values in [0, 1] with the real range they
// stand for; this is the one place that maps between the two (and back from the ERF's log scale).

/** The display value of v in the window [lo, hi] (0 at lo, 1 at hi). */
export function toDisplay(v: number, [lo, hi]: readonly [number, number]): number {
  return (v - lo) / (hi - lo);
}

/** The real value a display value d stands for in the range [lo, hi]. */
export function fromDisplay(d: number, [lo, hi]: readonly [number, number]): number {
  return lo + d * (hi - lo);
}

/** The real value at display value d of a log10(1 + v) / log10(1 + max) scale: (1 + max)^d - 1. */
export function fromLogDisplay(d: number, max: number): number {
  return (1 + max) ** d - 1;
}
