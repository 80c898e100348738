/** max|a - b| / max|ref|: the relative error every numeric test and benchmark compares against its tolerance. */
export function maxRelativeError(actual: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (actual.length !== ref.length) throw new Error(`length ${actual.length} vs reference ${ref.length}`);
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(actual[i] - ref[i]);
    if (Number.isNaN(d)) return NaN; // NaN anywhere is a failure, never hidden by a later max
    if (d > maxDiff) maxDiff = d;
    const r = Math.abs(ref[i]);
    if (r > maxRef) maxRef = r;
  }
  return maxRef === 0 ? maxDiff : maxDiff / maxRef;
}
