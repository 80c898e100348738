// The ERF panel's engine queries: the current image's ERF at the chosen point (the centre before a pick) and stage, the same point at
// every stage (after the first one is in), and through depth (one gradient per depth, when asked for).
import { networkDepths, type NetworkDepth } from '../../../engine/analysis/networkDepths';
import { engine } from '../../engine';
import { defineQuery } from '../../query/query';
import type { AppState } from '../../store';
import type { ErfResult } from '../../worker/protocol';
import { erfPoint } from './erfPoint';

export const erfQuery = defineQuery({
  name: 'the ERF',
  busy: { label: 'computing the ERF', fraction: null },
  request: (s) => (s.model && s.image ? { stage: s.stage, ...erfPoint(s.probe, s.image.inputSize), diffusivity: s.diffusivity } : null),
  key: (r, s) => [s.model, s.image, r.stage, r.row, r.col, r.diffusivity],
  resetOn: (s) => [s.model, s.image],
  run: (r) => engine().coalesce('erf', 'erf', r),
});

export interface StageErfs {
  /** One entry per stage: the newest result (possibly for earlier inputs while `pending` lists the stage). */
  results: (ErfResult | null)[];
  /** Stages still to compute for the current inputs. */
  pending: number[];
}

const allStages = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * One stage at a time, after the current image's ERF is done, and dropped as soon as the inputs change: a click
 * then waits behind at most one of these in the worker, never behind all of them.
 */
export const stageErfsQuery = defineQuery<{ stages: number; row: number; col: number; diffusivity: AppState['diffusivity'] }, StageErfs>({
  name: 'the ERF at every stage',
  request: (s) => (s.model && s.image ? { stages: s.model.config.depths.length, ...erfPoint(s.probe, s.image.inputSize), diffusivity: s.diffusivity } : null),
  key: (r, s) => [s.model, s.image, r.row, r.col, r.diffusivity],
  after: [erfQuery],
  ready: () => !erfQuery.get().busy,
  stale: (d) => ({ ...d, pending: allStages(d.results.length) }),
  run: async (r, run) => {
    const all = allStages(r.stages);
    const previous = run.previous?.results.length === r.stages ? run.previous.results : all.map(() => null);
    let data: StageErfs = { results: previous, pending: all };
    run.partial(data);
    for (const stage of all) {
      const erf = await engine().call('erf', { stage, row: r.row, col: r.col, diffusivity: r.diffusivity });
      if (!run.live()) return null;
      data = { results: data.results.map((old, i) => (i === stage ? erf : old)), pending: data.pending.filter((p) => p !== stage) };
      run.partial(data);
    }
    return data;
  },
});

export interface DepthFrames {
  depths: NetworkDepth[];
  /** The image point the frames are for. */
  point: { row: number; col: number };
  /** Frames computed so far, in depth order, for the current inputs. */
  frames: ErfResult[];
}

/** The ERF of the same point after the stem and after every block, frame by frame as the gradients arrive. */
export const erfThroughDepthQuery = defineQuery<{ depths: NetworkDepth[]; row: number; col: number; diffusivity: AppState['diffusivity'] }, DepthFrames>({
  name: 'the ERF through depth',
  request: (s) => (s.model && s.image ? { depths: networkDepths(s.model.config.depths), ...erfPoint(s.probe, s.image.inputSize), diffusivity: s.diffusivity } : null),
  key: (r, s) => [s.model, s.image, r.row, r.col, r.diffusivity],
  stale: (d) => ({ ...d, frames: [] }),
  run: async (r, run) => {
    let data: DepthFrames = { depths: r.depths, point: { row: r.row, col: r.col }, frames: [] };
    run.partial(data);
    for (const { stage, blocks } of r.depths) {
      const frame = await engine().call('erf', { stage, blocks, row: r.row, col: r.col, diffusivity: r.diffusivity });
      if (!run.live()) return null; // a newer point or slider value took over
      data = { ...data, frames: [...data.frames, frame] };
      run.partial(data);
    }
    return data;
  },
});
