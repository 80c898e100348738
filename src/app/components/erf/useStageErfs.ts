// The ERF of the same image point at every stage, one request per stage (newest inputs win per stage).
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

export function useStageErfs(): StageErfs {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const probe = useApp((s) => s.probe);
  const diffusivity = useApp((s) => s.diffusivity);
  const stages = model?.config.depths.length ?? 0;
  const [state, setState] = useState<StageErfs>({ results: [], pending: [], error: null });
  useEffect(() => {
    if (!model || !image || !probe) return;
    let live = true;
    const all = Array.from({ length: stages }, (_, i) => i);
    setState((s) => ({ results: s.results.length === stages ? s.results : all.map(() => null), pending: all, error: null }));
    for (const stage of all) {
      engine()
        .coalesce(`erf-stage-${stage}`, 'erf', { stage, row: probe.row, col: probe.col, diffusivity })
        .then(
          (r) => {
            if (!live || !r) return;
            setState((s) => ({ ...s, results: s.results.map((old, i) => (i === stage ? r : old)), pending: s.pending.filter((p) => p !== stage) }));
          },
          (e) => live && setState((s) => ({ ...s, pending: s.pending.filter((p) => p !== stage), error: errorText(e) })),
        );
    }
    return () => {
      live = false;
    };
  }, [model, image, probe, diffusivity, stages]);
  return state;
}
