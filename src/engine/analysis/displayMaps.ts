// Plain-array helpers for maps handed to the app: value ranges and the ERF's log display.

/** [min, max] of every `stride`-th value starting at `offset` ([0, 0] for no values). */
export function valueRange(data: ArrayLike<number>, stride = 1, offset = 0): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = offset; i < data.length; i += stride) {
    const v = data[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** log10(1 + g) divided by its maximum (so the largest value is 1); all zeros stay zeros. g >= 0. */
export function logNormalised(g: ArrayLike<number>): Float32Array {
  const out = new Float32Array(g.length);
  let max = 0;
  for (let i = 0; i < g.length; i++) {
    out[i] = Math.log10(1 + g[i]);
    if (out[i] > max) max = out[i];
  }
  if (max > 0) for (let i = 0; i < out.length; i++) out[i] /= max;
  return out;
}
