// "vHeat against its rivals": the ERF of the page's ERF point (default the centre) at the chosen stage in every
// bundled model of the loaded model's domain, side by side, and the same averaged over the sample images; below
// it the cost of the token mixers against map size (CostPanel).
import { useState } from 'react';
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { AverageComparisonFigure } from './AverageComparisonFigure';
import { erfPoint } from '../erf/erfPoint';
import { CostPanel } from './CostPanel';
import { ComparisonAreaTable, ComparisonColumns } from './ComparisonColumns';
import { comparisonErfQuery } from './compareQueries';
import { comparisonEntries, shortTitle } from './comparisonEntries';
import { HowToReadComparison, sideBySideExport } from './howToRead';
import './compare.css';

export function ComparisonView() {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const bundled = useApp((s) => s.bundledModels);
  const stage = useApp((s) => s.stage);
  const probe = useApp((s) => s.probe);
  const global = useApp((s) => s.diffusivity.global);
  const smooth = useApp((s) => s.smooth);
  // Closed on arrival: opening it loads the other models (seconds on a CPU adapter) and runs their ERFs.
  const [open, setOpen] = useState(false);
  const { data, busy, progress, error } = useQuery(comparisonErfQuery, open);
  if (!model || !image) return <CostPanel />;
  const entries = comparisonEntries(bundled, model.id);
  const columns = data?.columns ?? [];
  const point = erfPoint(probe, image.inputSize);
  return (
    <>
      <section className="panel compare" aria-labelledby="compare-title" data-testid="compare-panel">
        <h2 id="compare-title">vHeat against its rivals</h2>
        <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary data-testid="compare-open">Compare all models</summary>
        {entries.length === 0 ? (
          <p className="meta">Load one of the bundled models to compare it with the other models trained on the same data.</p>
        ) : (
          <>
            <p className="hint" data-testid="compare-diffusivity-note">
              vHeat’s column follows the diffusivity slider (now ×{global}); at 0 it shows what the heat operator adds.
            </p>
            <ExplainedFigure
              title={`Effective receptive field of pixel (${point.row}, ${point.col}), stage ${stage + 1}, in ${entries.length} models`}
              lead="The same output cell in every model trained on this data: how much of the image can change it."
              text={`Colour: log10(1 + g) ÷ log10(1 + max g), each map scaled to its own strongest pixel (max g under its colour bar), g = |∂ cell / ∂ pixel|; the ERF panel’s point (click there to move it; carried to the same place of each model’s input) and stage. Models: ${entries.map((e) => shortTitle(e.title)).join(', ')}.`}
              busy={busy ? `${progress?.label ?? 'computing'}…` : null}
              error={error}
              exportParts={[image.name, `stage${stage + 1}`, 'erf-compare', `${point.row}-${point.col}`]}
              exportCanvases={sideBySideExport(columns, smooth)}
              testId="compare-figure"
              footer={
                <>
                  {columns.length > 0 && (
                    <ComparisonAreaTable columns={columns} testPrefix="compare" caption="Area ratios: the smallest square around the chosen cell’s centre holding 20, 50 and 99 % of each map’s total, as a share of that model’s input" />
                  )}
                  <HowToReadComparison />
                </>
              }
            >
              {columns.length > 0 ? <ComparisonColumns columns={columns} testPrefix="compare" /> : <p className="meta">Loading the models…</p>}
            </ExplainedFigure>
            <AverageComparisonFigure entries={entries} />
          </>
        )}
        </details>
      </section>
      <CostPanel />
    </>
  );
}
