// The ERF of the same image point at every stage, one request per stage.
import { useEffect, useState } from 'react';
import { errorText } from '../../actions';
import { engine } from '../../engine';
import { useApp } from '../../store';
import type { ErfResult } from '../../worker/protocol';

export interface StageErfs {
  /** One entry per stage: the newest result (possibly for earlier inputs while `pending` lists the stage). */
  results: (ErfResult | null)[];
  /** Stages still computing for the current inputs. */
  pending: number[];
  error: string | null;
}

/**
 * One stage at a time, after the current image's ERF is done, and dropped as soon as the inputs change: a click
 * then waits behind at most one of these in the worker, never behind all of them.
 */
export function useStageErfs(): StageErfs {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const probe = useApp((s) => s.probe);
  const diffusivity = useApp((s) => s.diffusivity);
  const mainBusy = useApp((s) => s.erfBusy !== null);
  const stages = model?.config.depths.length ?? 0;
  const [state, setState] = useState<StageErfs>({ results: [], pending: [], error: null });
  useEffect(() => {
    if (!model || !image || !probe) return;
    const all = Array.from({ length: stages }, (_, i) => i);
    setState((s) => ({ results: s.results.length === stages ? s.results : all.map(() => null), pending: all, error: null }));
    if (mainBusy) return;
    let live = true;
    void (async () => {
      for (const stage of all) {
        try {
          const r = await engine().call('erf', { stage, row: probe.row, col: probe.col, diffusivity });
          if (!live) return;
          setState((s) => ({ ...s, results: s.results.map((old, i) => (i === stage ? r : old)), pending: s.pending.filter((p) => p !== stage) }));
        } catch (e) {
          if (live) setState((s) => ({ ...s, pending: [], error: errorText(e) }));
          return;
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [model, image, probe, diffusivity, stages, mainBusy]);
  return state;
}
