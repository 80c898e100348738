// The operator's pictures (worker answers: real values with their range) as map stacks the canvases draw.
import type { MapStack, OperatorPictureData } from '../../worker/protocol';

/** One H x W picture on [lo, hi] (signed: on [-m, m] with 0 in the middle of a diverging map). */
export function pictureMap(p: OperatorPictureData, height: number, width: number, range: [number, number], signed = false): MapStack {
  const [lo, hi] = signed ? symmetric(range) : range;
  const span = hi - lo;
  const data = p.data.map((v) => (span > 0 ? Math.min(1, Math.max(0, (v - lo) / span)) : signed ? 0.5 : 0));
  return { frames: 1, height, width, channels: 1, data, signed, range: [lo, hi] };
}

/** [-m, m] around a range, m its largest magnitude. */
export function symmetric([lo, hi]: [number, number]): [number, number] {
  const m = Math.max(Math.abs(lo), Math.abs(hi));
  return [-m, m];
}

/** The union of two ranges (u0 and u(t) share one scale, so the fading shows). */
export function unionRange(a: [number, number], b: [number, number]): [number, number] {
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

/** Share of the mask's cells that are still open (> 0.5): what closes in as t grows. */
export function openShare(mask: OperatorPictureData): number {
  let open = 0;
  for (const v of mask.data) if (v > 0.5) open++;
  return mask.data.length ? open / mask.data.length : 0;
}
