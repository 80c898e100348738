/**
 * Orthonormal DCT-II matrix D_N[n, x] = sqrt(2/N) cos(pi n (x + 0.5) / N), row 0 scaled by 1/sqrt(2).
 * Rows are frequencies n, columns positions x. D D^T = I, so the inverse transform is D^T.
 */
export function dctMatrix(n: number): Float64Array {
  const out = new Float64Array(n * n);
  const base = Math.sqrt(2 / n);
  for (let f = 0; f < n; f++) {
    const rowScale = f === 0 ? base / Math.SQRT2 : base;
    for (let x = 0; x < n; x++) out[f * n + x] = rowScale * Math.cos((Math.PI * f * (x + 0.5)) / n);
  }
  return out;
}

const cache = new Map<number, Float64Array>();

/** dctMatrix(n), computed once per n and shared: callers must not write to it. */
export function cachedDctMatrix(n: number): Float64Array {
  let d = cache.get(n);
  if (!d) {
    d = dctMatrix(n);
    cache.set(n, d);
  }
  return d;
}

// Float32 copies of the float64 DCT matrices, per N (CPU memory only; tensors are made per call).
const f32Cache = new Map<number, Float32Array>();

/** Orthonormal DCT-II matrix D_N [N,N] (rows = frequencies) as float32 data (float64 rounded once), cached per N. */
export function dctMatrixF32(n: number): Float32Array {
  let m = f32Cache.get(n);
  if (!m) {
    m = Float32Array.from(cachedDctMatrix(n));
    f32Cache.set(n, m);
  }
  return m;
}

/** Squared angular frequency w_n^2 = (pi n / N)^2 for n < N. */
export function squaredFrequencies(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let f = 0; f < n; f++) out[f] = ((Math.PI * f) / n) ** 2;
  return out;
}
