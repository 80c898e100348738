// Effective receptive field panel: the current image's ERF of a chosen output cell (its grid shown before the
// click), the same point at every stage, the same point through depth, and apart from these the paper's average.
import { useApp } from '../../store';
import { AverageErfFigure } from './AverageErfFigure';
import { CurrentErfFigure } from './CurrentErfFigure';
import { DepthFigure } from './DepthFigure';
import { StageMultiples } from './StageMultiples';
import './erf.css';

export function ErfView() {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  if (!model || !image) return null;
  return (
    <section className="panel erf" aria-labelledby="erf-title">
      <h2 id="erf-title">Effective receptive field</h2>
      <p className="hint">Click the image to pick another cell.</p>
      <details className="how-to-read">
        <summary>How to read this</summary>
        A receptive field is the part of the input an output cell can see: which pixels can change that cell, and by how much.
        Before any click the figures show the cell at the image centre; they follow the same point through the stages and through depth.
      </details>
      <div className="erf-grid">
        <CurrentErfFigure model={model} image={image} />
        <StageMultiples model={model} image={image} />
        <DepthFigure model={model} image={image} />
        <AverageErfFigure model={model} />
      </div>
    </section>
  );
}
