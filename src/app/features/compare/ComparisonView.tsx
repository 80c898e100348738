// "vHeat against its rivals": the ERF of the page's ERF point (default the centre) at the chosen stage in every
// bundled model of the loaded model's domain, side by side, and the same averaged over the sample images; below
// it the cost of the token mixers against map size (CostPanel).
import { useState } from 'react';
import { useT } from '../../i18n/i18n';
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
  const t = useT('compare');
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
        <h2 id="compare-title">{t('title')}</h2>
        <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary data-testid="compare-open">{t('open')}</summary>
        {entries.length === 0 ? (
          <p className="meta">{t('loadBundled')}</p>
        ) : (
          <>
            <p className="hint" data-testid="compare-diffusivity-note">{t('diffusivityNote', { global })}</p>
            <ExplainedFigure
              title={t('figure.title', { row: point.row, col: point.col, stage: stage + 1, models: entries.length })}
              lead={t('figure.lead')}
              text={t('figure.text', { names: entries.map((e) => shortTitle(e.title)).join(t('listSeparator')) })}
              busy={busy ? t('figure.busy', { label: progress ? progress.label || t('figure.loadingModels') : t('figure.computing') }) : null}
              error={error}
              exportParts={[image.name, `stage${stage + 1}`, 'erf-compare', `${point.row}-${point.col}`]}
              exportCanvases={sideBySideExport(columns, smooth)}
              testId="compare-figure"
              footer={
                <>
                  {columns.length > 0 && (
                    <ComparisonAreaTable columns={columns} testPrefix="compare" caption={t('figure.ratiosCaption')} />
                  )}
                  <HowToReadComparison />
                </>
              }
            >
              {columns.length > 0 ? <ComparisonColumns columns={columns} testPrefix="compare" /> : <p className="meta">{t('figure.loading')}</p>}
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
