// How much of a frame stack visibly changes between two frames, on the display scale the page draws it with
// (src/app/worker/mapStack.ts: 'shared' = one scale per component over all frames, 'per-frame' = each frame its own).

import { AnalysisInputError } from './errors';
import type { FrameMaps } from './frameReductions';

/** A pixel "visibly" changes when its displayed value moves by more than this share of the display range. */
export const VISIBLE_CHANGE_THRESHOLD = 0.02;

export type DisplayScaling = 'shared' | 'per-frame';

export interface VisibleChangeOptions {
  /** Frames compared (default: the first and the last, i.e. the smallest and largest t of an ascending stack). */
  from?: number;
  to?: number;
  /** Share of the display range (default VISIBLE_CHANGE_THRESHOLD = 2 %). */
  threshold?: number;
  /** Display scaling (default 'shared'). */
  scaling?: DisplayScaling;
}

/** The displayed value in [0, 1] of `v` on [lo, hi]; a flat range shows mid-grey (0.5), as the page does. */
function displayed(v: number, lo: number, hi: number): number {
  return hi > lo ? (v - lo) / (hi - lo) : 0.5;
}

/**
 * Share of the H x W pixels whose displayed value differs by more than `threshold` between frames `from` and `to`
 * (a pixel of a multi-component map, e.g. PCA's RGB, counts when any component does).
 */
export function visibleChangeFraction(maps: FrameMaps, opts: VisibleChangeOptions = {}): number {
  const { count, height, width, components: k, data } = maps;
  const from = opts.from ?? 0;
  const to = opts.to ?? count - 1;
  const threshold = opts.threshold ?? VISIBLE_CHANGE_THRESHOLD;
  const scaling = opts.scaling ?? 'shared';
  for (const f of [from, to]) if (!Number.isInteger(f) || f < 0 || f >= count) throw new AnalysisInputError(`frame ${f} is not in 0..${count - 1}`);
  if (!(threshold >= 0 && Number.isFinite(threshold))) throw new AnalysisInputError(`threshold ${threshold} must be finite and >= 0`);
  const n = height * width;
  if (n === 0) return 0;
  const range = (frame: number, j: number) => (scaling === 'shared' ? maps.componentRanges[j] : maps.frameRanges[frame]);
  let changed = 0;
  for (let p = 0; p < n; p++) {
    for (let j = 0; j < k; j++) {
      const a = displayed(data[(from * n + p) * k + j], ...range(from, j));
      const b = displayed(data[(to * n + p) * k + j], ...range(to, j));
      if (Math.abs(b - a) > threshold) {
        changed++;
        break;
      }
    }
  }
  return changed / n;
}
