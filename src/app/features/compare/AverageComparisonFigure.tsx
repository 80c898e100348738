// The paper's figure: the centre cell's ERF averaged over the sample images, in every model side by side. On a
// button (one gradient per image and model), drawn on its own: it belongs to no single image.
import { useState } from 'react';
import { errorText } from '../../errorText';
import { useT } from '../../i18n/i18n';
import { useApp } from '../../store';
import { sharePercent } from '../erf/erfText';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import type { BundledModelEntry, ComparisonResult } from '../../worker/protocol';
import { ComparisonAreaTable, ComparisonColumns } from './ComparisonColumns';
import { averageComparison } from './compareQueries';
import { sideBySideExport } from './howToRead';

export function AverageComparisonFigure({ entries }: { entries: BundledModelEntry[] }) {
  const t = useT('compare');
  const stage = useApp((s) => s.stage);
  const diffusivity = useApp((s) => s.diffusivity);
  const samples = useApp((s) => s.samples.length);
  const smooth = useApp((s) => s.smooth);
  const [result, setResult] = useState<{ data: ComparisonResult; key: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify([entries.map((e) => e.id), stage, diffusivity]);
  const run = async () => {
    setBusy(t('erf:average.busy'));
    try {
      const data = await averageComparison(entries, (fraction, label) => setBusy(t('erf:average.progress', { label, percent: sharePercent(fraction) })));
      setResult({ data, key });
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  const columns = result?.data.columns ?? [];
  const stale = result !== null && result.key !== key;
  const shownStage = (columns[0]?.erf.stage ?? stage) + 1;
  return (
    <ExplainedFigure
      title={t('average.title', { stage: shownStage, models: entries.length })}
      lead={t('average.lead')}
      text={`${t('average.text', { images: columns[0]?.erf.images ?? samples })}${stale ? ` ${t('average.stale')}` : ''}`}
      busy={busy}
      error={error}
      exportParts={[`stage${shownStage}`, 'erf-compare-average']}
      exportCanvases={sideBySideExport(columns, smooth)}
      testId="compare-average-figure"
      footer={
        <>
          <button type="button" onClick={() => void run()} disabled={busy !== null || samples === 0} data-testid="compare-average">
            {columns.length > 0 ? t('erf:average.again') : t('average.button')}
          </button>
          {columns.length > 0 && (
            <ComparisonAreaTable columns={columns} testPrefix="compare-average" caption={t('average.ratiosCaption', { images: columns[0].erf.images })} />
          )}
        </>
      }
    >
      {columns.length > 0 ? (
        <div className={stale ? 'stale-result' : undefined} data-stale={stale ? 'true' : 'false'}>
          <ComparisonColumns columns={columns} testPrefix="compare-average" />
        </div>
      ) : (
        <p className="meta">{t('average.notYet')}</p>
      )}
    </ExplainedFigure>
  );
}
