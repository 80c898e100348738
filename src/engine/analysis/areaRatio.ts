import { AnalysisInputError } from './errors';

// High-contribution area ratio of a contribution map (the ERF summary of RepLKNet / vHeat).
//
// Definition used here: for a threshold t in (0, 1], grow a square of side 2r+1 (r = 0, 1, 2, ...)
// centred on the chosen position. At image borders the square is CLIPPED to the image (the part
// outside is dropped, never shifted inwards). The answer is the first r whose clipped square holds
// at least t of the total contribution; the ratio is the clipped square's area divided by the image
// area H*W. The square that covers the whole image always qualifies, so every answer is in (0, 1].
//
// The official analysis script (RepLKNet's get_rectangle, reused by vHeat) works on the centre of
// the map only, starts at side 3, uses a strict '>' and returns nothing when the square would
// reach the border; on a centred position with an interior answer it gives the same ratio except
// where the fraction equals t exactly.

export interface AreaRatio {
  /** Fraction of the total contribution asked for (0.2 for 20 %). */
  threshold: number;
  /** Half side r of the square (side 2r+1 before clipping). */
  halfSide: number;
  /** Clipped square as [top, left, bottom, right), rows then columns. */
  box: [number, number, number, number];
  /** Fraction of the total contribution inside the clipped square. */
  heldFraction: number;
  /** Clipped square area / (H * W). */
  areaRatio: number;
}

/** Thresholds of the vHeat paper: 20, 30, 50 and 99 %. */
export const PAPER_AREA_THRESHOLDS: readonly number[] = [0.2, 0.3, 0.5, 0.99];

/**
 * Area ratios of a non-negative map `map` (row-major, height x width) around (row, col), one per
 * threshold. Uses a summed-area table so each square costs O(1): O(H*W + max(H,W)) in all.
 * A map whose total is 0 has no contribution to find: every threshold answers the smallest square.
 */
export function highContributionAreaRatios(
  map: ArrayLike<number>,
  height: number,
  width: number,
  position: { row: number; col: number },
  thresholds: readonly number[] = PAPER_AREA_THRESHOLDS,
): AreaRatio[] {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new AnalysisInputError(`area ratio: bad map size ${height}x${width}`);
  }
  if (map.length !== height * width) {
    throw new AnalysisInputError(`area ratio: map has ${map.length} values, expected ${height * width}`);
  }
  const { row, col } = position;
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || row >= height || col < 0 || col >= width) {
    throw new AnalysisInputError(`area ratio: position (${row}, ${col}) is outside ${height}x${width}`);
  }
  for (const t of thresholds) {
    if (!(t > 0 && t <= 1)) throw new AnalysisInputError(`area ratio: threshold ${t} not in (0, 1]`);
  }
  // Summed-area table in float64, (H+1) x (W+1).
  const w1 = width + 1;
  const table = new Float64Array((height + 1) * w1);
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    for (let x = 0; x < width; x++) {
      const v = map[y * width + x];
      if (!(v >= 0) || !Number.isFinite(v)) {
        throw new AnalysisInputError(`area ratio: value ${v} at (${y}, ${x}) is not finite and >= 0`);
      }
      rowSum += v;
      table[(y + 1) * w1 + x + 1] = table[y * w1 + x + 1] + rowSum;
    }
  }
  const total = table[height * w1 + width];
  const boxSum = (top: number, left: number, bottom: number, right: number): number =>
    table[bottom * w1 + right] - table[top * w1 + right] - table[bottom * w1 + left] + table[top * w1 + left];

  const maxHalf = Math.max(row, height - 1 - row, col, width - 1 - col);
  const results: AreaRatio[] = [];
  for (const t of thresholds) {
    let r = 0;
    for (; r <= maxHalf; r++) {
      const held = total > 0 ? boxSum(Math.max(0, row - r), Math.max(0, col - r), Math.min(height, row + r + 1), Math.min(width, col + r + 1)) / total : 1;
      // A relative slack of 1e-12 absorbs float64 rounding of the table when held equals t exactly.
      if (held >= t - 1e-12) break;
    }
    r = Math.min(r, maxHalf);
    const box: [number, number, number, number] = [
      Math.max(0, row - r),
      Math.max(0, col - r),
      Math.min(height, row + r + 1),
      Math.min(width, col + r + 1),
    ];
    const area = (box[2] - box[0]) * (box[3] - box[1]);
    results.push({
      threshold: t,
      halfSide: r,
      box,
      heldFraction: total > 0 ? boxSum(...box) / total : 1,
      areaRatio: area / (height * width),
    });
  }
  return results;
}
