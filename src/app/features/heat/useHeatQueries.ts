// The heat panel's three engine computations, each with its own busy state and error.
import { engine } from '../../engine';
import { useApp } from '../../store';
import { useEngineQuery } from '../../useEngineQuery';
import { HCNET_STEPS, VHEAT_TIMES } from './heatTimes';

export function useHeatFrames() {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const diffusivity = useApp((s) => s.diffusivity);
  const mode = useApp((s) => s.channelMode);
  const times = model?.config.family === 'hcnet' ? HCNET_STEPS : VHEAT_TIMES;
  return useEngineQuery(
    model !== null && image !== null,
    () => engine().coalesce('heat', 'heatFrames', { stage, block, diffusivity, mode, times }),
    [model, image, stage, block, diffusivity, mode, times],
  );
}

export function useSpectrum(channel: number | null) {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  return useEngineQuery(model !== null && image !== null, () => engine().coalesce('spectrum', 'spectrum', { stage, block, channel }), [model, image, stage, block, channel]);
}

export function usePointResponse(point: { row: number; col: number }, channel: number | null) {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const diffusivity = useApp((s) => s.diffusivity);
  return useEngineQuery(
    model !== null && image !== null,
    () => engine().coalesce('point', 'pointResponse', { stage, block, diffusivity, row: point.row, col: point.col, channel }),
    [model, image, stage, block, diffusivity, point.row, point.col, channel],
  );
}
