// Display form of the analyses' frame maps: values scaled to [0, 1] for the colour maps.
import type { FrameMaps } from '../../engine/analysis';
import type { MapStack } from './protocol';

/**
 * 'shared': one scale per component over all frames (changes over time stay visible);
 * 'per-frame': each frame on its own scale (thumbnails of maps with different magnitudes).
 * 1 component -> a 1-channel map; 2 or 3 components (PCA) -> RGB (missing components at 0.5).
 */
export function toMapStack(f: FrameMaps, scaling: 'shared' | 'per-frame'): MapStack {
  const n = f.height * f.width;
  const k = f.components;
  const channels: 1 | 3 = k === 1 ? 1 : 3;
  const data = new Float32Array(f.count * n * channels).fill(0.5);
  for (let t = 0; t < f.count; t++) {
    for (let j = 0; j < Math.min(k, 3); j++) {
      const [lo, hi] = scaling === 'shared' ? f.componentRanges[j] : f.frameRanges[t];
      const span = hi - lo;
      for (let p = 0; p < n; p++) {
        const v = f.data[(t * n + p) * k + j];
        data[(t * n + p) * channels + j] = span > 0 ? (v - lo) / span : 0.5;
      }
    }
  }
  if (channels === 3) return { frames: f.count, height: f.height, width: f.width, channels, data };
  const [lo, hi] = f.componentRanges[0];
  const span = hi - lo;
  const frameRanges = f.frameRanges.map(([a, b]): [number, number] => (span > 0 ? [(a - lo) / span, (b - lo) / span] : [0, 1]));
  // Per-frame stacks have no single range: the colour bar then reads 'each frame: its min to its max'.
  return scaling === 'shared'
    ? { frames: f.count, height: f.height, width: f.width, channels, data, range: [lo, hi], frameRanges }
    : { frames: f.count, height: f.height, width: f.width, channels, data };
}
