// Stage buttons and a strip of thumbnails of every block of the chosen stage (energy of its output).
import { memo } from 'react';
import { selectBlock } from '../../actions';
import { useQuery } from '../../query/useQuery';
import { MapCanvas } from '../../ui/render/MapCanvas';
import { useApp } from '../../store';
import { blockThumbsQuery } from './heatQueries';

/** Memo (no props): HeatView re-renders for every animation frame; this subscribes to what it shows. */
export const StageBlockPicker = memo(function StageBlockPicker() {
  const model = useApp((s) => s.model);
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const thumbs = useQuery(blockThumbsQuery).data;

  if (!model) return null;
  const depth = model.config.depths[stage] ?? 0;
  const per = thumbs && thumbs.stage === stage && thumbs.blocks.frames === depth ? thumbs.blocks : null;
  return (
    <div className="stage-block">
      <div role="group" aria-label="Stage" className="stages">
        {model.config.depths.map((_, i) => (
          <button key={i} type="button" aria-pressed={i === stage} onClick={() => selectBlock(i, 0)} data-testid={`stage-${i}`} aria-label={`Stage ${i + 1} (${model.stageSides[i]}×${model.stageSides[i]})`}>
            {i + 1} <small>({model.stageSides[i]}×{model.stageSides[i]})</small>
          </button>
        ))}
      </div>
      <ul className="thumbs" aria-label={`Blocks of stage ${stage + 1}`}>
        {Array.from({ length: depth }, (_, j) => (
          <li key={j}>
            <button type="button" aria-pressed={j === block} onClick={() => selectBlock(stage, j)} aria-label={`Block ${j + 1}`} data-testid={`block-${j}`}>
              {per ? <MapCanvas map={per} frame={j} label={`Output energy of block ${j + 1}`} className="pixelated thumb" /> : <span className="thumb placeholder" />}
              <span>{j + 1}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
});
