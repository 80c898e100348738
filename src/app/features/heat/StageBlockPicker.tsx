// Stage buttons and a strip of thumbnails of every block of the chosen stage (energy of its output).
import { memo } from 'react';
import { selectBlock } from '../../actions';
import { useQuery } from '../../query/useQuery';
import { MapCanvas } from '../../ui/render/MapCanvas';
import { useApp } from '../../store';
import { useT } from '../../i18n/i18n';
import { blockThumbsQuery } from './heatQueries';

/** Memo (no props): HeatView re-renders for every animation frame; this subscribes to what it shows. */
export const StageBlockPicker = memo(function StageBlockPicker() {
  const t = useT('heat');
  const model = useApp((s) => s.model);
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const thumbs = useQuery(blockThumbsQuery).data;

  if (!model) return null;
  const depth = model.config.depths[stage] ?? 0;
  const per = thumbs && thumbs.stage === stage && thumbs.blocks.frames === depth ? thumbs.blocks : null;
  return (
    <div className="stage-block">
      <div role="group" aria-label={t('picker.stage')} className="stages">
        {model.config.depths.map((_, i) => (
          <button key={i} type="button" aria-pressed={i === stage} onClick={() => selectBlock(i, 0)} data-testid={`stage-${i}`} aria-label={t('picker.stageButton', { stage: i + 1, side: model.stageSides[i] })}>
            {i + 1} <small>({model.stageSides[i]}×{model.stageSides[i]})</small>
          </button>
        ))}
      </div>
      <ul className="thumbs" aria-label={t('picker.blocks', { stage: stage + 1 })}>
        {Array.from({ length: depth }, (_, j) => (
          <li key={j}>
            <button type="button" aria-pressed={j === block} onClick={() => selectBlock(stage, j)} aria-label={t('picker.block', { block: j + 1 })} data-testid={`block-${j}`}>
              {per ? <MapCanvas map={per} frame={j} label={t('picker.thumb', { block: j + 1 })} className="pixelated thumb" /> : <span className="thumb placeholder" />}
              <span>{j + 1}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
});
