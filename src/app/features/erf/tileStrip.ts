// Small multiples drawn as one canvas: equal square maps side by side with a gap, so the figure's PNG export
// (which stacks a picture's canvases) gets them all.
import type { MapStack } from '../../worker/protocol';
import { InternalError } from '../../../engine/errors';

/** Places 1-channel side x side maps left to right, `gap` pixels apart; a missing map is left empty (0). */
export function tileStrip(maps: (MapStack | null)[], side: number, gap: number): MapStack {
  const width = maps.length * side + (maps.length - 1) * gap;
  const data = new Float32Array(side * width);
  maps.forEach((m, i) => {
    if (!m) return;
    if (m.width !== side || m.height !== side || m.channels !== 1) throw new InternalError(`tile ${i} is ${m.height}x${m.width}x${m.channels}, expected ${side}x${side}x1`);
    const x0 = i * (side + gap);
    for (let r = 0; r < side; r++) data.set(m.data.subarray(r * side, (r + 1) * side), r * width + x0);
  });
  return { frames: 1, height: side, width, channels: 1, data, range: [0, 1] };
}
