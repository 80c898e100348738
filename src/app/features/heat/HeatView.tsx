// Heat diffusion in the chosen block: the animation over the model input, the learned spectrum (vHeat k,
// HcNet alpha) and the response to a point of heat. Maps of 1x1 or 2x2 cells get a note instead of pictures.
// Each figure reads its own query (heatQueries.ts); a new heat view is one more figure and one more query.
import { setHeatPoint } from '../../actions';
import { useT } from '../../i18n/i18n';
import { useApp } from '../../store';
import { DisplayControls } from '../../ui/DisplayControls';
import { HeatAnimation } from './HeatAnimation';
import { PointResponseFigure } from './PointResponseFigure';
import { SpectrumFigure } from './SpectrumFigure';
import { StageBlockPicker } from './StageBlockPicker';
import { OperatorFigures } from './OperatorFigures';
import './heat.css';

/** Maps smaller than this per side have no room for heat to spread in: a note replaces the pictures. */
const MIN_PICTURE_SIDE = 3;

function TinyStageNote({ stage, side, downsample }: { stage: number; side: number; downsample: number }) {
  const t = useT('heat');
  const values = { stage: stage + 1, side, downsample };
  return (
    <p className="note" data-testid="tiny-stage-note">
      {side === 1 ? t('tiny.oneCell', values) : t('tiny.fewCells', values)}
    </p>
  );
}

export function HeatView() {
  const t = useT('heat');
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const stage = useApp((s) => s.stage);
  const side = model?.stageSides[stage] ?? 0;
  if (!model || !image) return null;
  const tiny = side < MIN_PICTURE_SIDE;
  return (
    <section className="panel heat" aria-labelledby="heat-title">
      <h2 id="heat-title">{t('title')}</h2>
      <StageBlockPicker />
      {tiny ? (
        <TinyStageNote stage={stage} side={side} downsample={image.inputSize / side} />
      ) : (
        <>
          <HeatAnimation onPick={setHeatPoint} />
          {model.config.family === 'vheat' ? (
            <OperatorFigures />
          ) : (
            <p className="note" data-testid="operator-note">{t('operatorNote')}</p>
          )}
          <div className="heat-grid">
            <SpectrumFigure />
            <PointResponseFigure />
          </div>
        </>
      )}
      <details className="view-options" data-testid="display-options">
        <summary>{t('display')}</summary>
        <DisplayControls />
      </details>
    </section>
  );
}
