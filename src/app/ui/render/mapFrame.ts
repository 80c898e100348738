// One frame of a map stack as RGBA pixels: what MapCanvas shows, and what exports draw frame by frame.
import { mapToRgba, type ColormapName } from '../../../engine/display/colormap';
import type { MapStack } from '../../worker/protocol';
import { toDisplay } from './displayRange';

/**
 * Frame `frame` of `map` in `colormap` (a diverging one for signed maps). With `valueWindow`, display values v
 * are drawn as (v - lo) / (hi - lo): the frame on its own colour scale.
 */
export function mapFrameImage(map: MapStack, frame: number, colormap: ColormapName, alpha: number | 'by-value', valueWindow?: [number, number]): ImageData {
  const f = Math.min(Math.max(frame, 0), map.frames - 1);
  const n = map.height * map.width * map.channels;
  let data = map.data;
  if (valueWindow && valueWindow[1] > valueWindow[0]) {
    data = new Float32Array(map.data.length);
    for (let i = f * n; i < (f + 1) * n; i++) data[i] = toDisplay(map.data[i], valueWindow);
  }
  const cmap = map.signed ? 'diverging' : colormap;
  return new ImageData(mapToRgba(data, f, map.height, map.width, map.channels, cmap, alpha), map.width, map.height);
}
