// Effective receptive field panel: the current image's ERF of a chosen output cell (its grid shown before the
// click), the same point at every stage, the same point through depth, and apart from these the paper's average.
import { useT } from '../../i18n/i18n';
import { useApp } from '../../store';
import { AverageErfFigure } from './AverageErfFigure';
import { CurrentErfFigure } from './CurrentErfFigure';
import { DepthFigure } from './DepthFigure';
import { StageMultiples } from './StageMultiples';
import './erf.css';

export function ErfView() {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const t = useT('erf');
  if (!model || !image) return null;
  return (
    <section className="panel erf" aria-labelledby="erf-title">
      <h2 id="erf-title">{t('title')}</h2>
      <div className="erf-grid">
        <CurrentErfFigure model={model} image={image} />
        <StageMultiples model={model} image={image} />
        <DepthFigure model={model} image={image} />
        <AverageErfFigure model={model} />
      </div>
    </section>
  );
}
