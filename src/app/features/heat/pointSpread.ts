// The point response drawn so that its spread shows: the placed cell holds most of the heat at small t and would
// wash the rest of the map out, so the colour scale ends at the largest value elsewhere and that cell is off scale.
import type { MapStack } from '../../worker/protocol';

export interface PointSpread {
  map: MapStack;
  /** The real value at the placed cell (drawn at the scale's end when it is off scale). */
  centre: number;
  /** The scale's end: the largest |value| outside the placed cell (or the centre's, if that is all there is). */
  top: number;
  offScale: boolean;
}

/** `map` is a signed map (display = 0.5 + 0.5 v / m on range [-m, m]); (row, col) the placed cell. */
export function pointSpread(map: MapStack, row: number, col: number): PointSpread {
  const m = map.range?.[1] ?? 1;
  const values = Array.from(map.data, (d) => (d - 0.5) * 2 * m);
  const at = row * map.width + col;
  let rest = 0;
  values.forEach((v, i) => {
    if (i !== at) rest = Math.max(rest, Math.abs(v));
  });
  const centre = values[at] ?? 0;
  const top = rest > 0 ? rest : Math.abs(centre) || 1;
  const data = Float32Array.from(values, (v) => 0.5 + 0.5 * Math.max(-1, Math.min(1, v / top)));
  return { map: { ...map, data, range: [-top, top] }, centre, top, offScale: Math.abs(centre) > top };
}
