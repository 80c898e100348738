// The ERF of the same image point after the stem and after every block, computed one depth at a time (one
// gradient each) so every frame shows as it arrives; new inputs (a click, the slider) cancel the rest.
import { useEffect, useState } from 'react';
import { errorText } from '../../actions';
import { engine } from '../../engine';
import { networkDepths, type NetworkDepth } from '../../../engine/analysis/networkDepths';
import { useApp } from '../../store';
import type { ErfResult } from '../../worker/protocol';

export interface DepthFrames {
  depths: NetworkDepth[];
  /** The image point the frames are for. */
  point: { row: number; col: number } | null;
  /** Frames computed so far, in depth order, for the current inputs. */
  frames: ErfResult[];
  running: boolean;
  error: string | null;
}

export function useErfThroughDepth(active: boolean): DepthFrames {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const probe = useApp((s) => s.probe);
  const diffusivity = useApp((s) => s.diffusivity);
  const [state, setState] = useState<DepthFrames>({ depths: [], point: null, frames: [], running: false, error: null });
  useEffect(() => {
    if (!active || !model || !image || !probe) return;
    const depths = networkDepths(model.config.depths);
    let live = true;
    setState({ depths, point: probe, frames: [], running: true, error: null });
    void (async () => {
      for (const { stage, blocks } of depths) {
        try {
          const frame = await engine().call('erf', { stage, blocks, row: probe.row, col: probe.col, diffusivity });
          if (!live) return; // a newer point or slider value took over
          setState((s) => ({ ...s, frames: [...s.frames, frame] }));
        } catch (e) {
          if (live) setState((s) => ({ ...s, running: false, error: errorText(e) }));
          return;
        }
      }
      if (live) setState((s) => ({ ...s, running: false }));
    })();
    return () => {
      live = false;
    };
  }, [active, model, image, probe, diffusivity]);
  return state;
}
