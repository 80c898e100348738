// The paper's ERF: the centre cell's gradients averaged over the sample images. It belongs to no single image,
// so it is drawn on its own (no photo underneath), apart from the current image's ERF.
import { useState } from 'react';
import { averageErf, errorText } from '../../actions';
import { MapCanvas } from '../../ui/render/MapCanvas';
import { useApp } from '../../store';
import type { ErfResult, ModelInfo } from '../../worker/protocol';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { AreaRatioTable } from './AreaRatioTable';
import { CellOverlay } from './CellOverlay';
import { erfColourScale } from './erfScale';
import { sharePercent } from './erfText';
import { useT } from '../../i18n/i18n';

interface Averaged {
  erf: ErfResult;
  /** What it was computed for: it goes stale when these change. */
  key: string;
}

export function AverageErfFigure({ model }: { model: ModelInfo }) {
  const t = useT('erf');
  const stage = useApp((s) => s.stage);
  const diffusivity = useApp((s) => s.diffusivity);
  const samples = useApp((s) => s.samples.length);
  const smooth = useApp((s) => s.smooth);
  const [result, setResult] = useState<Averaged | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify([model.id, stage, diffusivity]);
  const run = async () => {
    setBusy(t('average.busy'));
    try {
      const erf = await averageErf((fraction, label) => setBusy(t('average.progress', { label, percent: sharePercent(fraction) })));
      setResult({ erf, key });
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  const erf = result?.erf ?? null;
  const stale = result !== null && result.key !== key;
  return (
    <ExplainedFigure
      title={t('average.title', { stage: (erf?.stage ?? stage) + 1 })}
      lead={t('average.lead')}
      text={`${t('average.text', { stage: (erf?.stage ?? stage) + 1, images: erf?.images ?? samples })}${stale ? ` ${t('average.stale')}` : ''}`}
      scale={erf ? erfColourScale(erf.maxContribution) : undefined}
      busy={busy}
      error={error}
      exportParts={[model.id, `stage${(erf?.stage ?? stage) + 1}`, 'erf-average']}
      testId="erf-average-figure"
      footer={
        <>
          <button type="button" onClick={() => void run()} disabled={busy !== null || samples === 0} data-testid="erf-average">
            {erf ? t('average.again') : t('average.button')}
          </button>
          {erf && (
            <AreaRatioTable
              erf={erf}
              testPrefix="erf-average"
              caption={t('average.ratiosCaption', { row: erf.stagePosition.row, col: erf.stagePosition.col, images: erf.images })}
            />
          )}
        </>
      }
    >
      {erf ? (
        <div className={stale ? 'overlay-stack stale-result' : 'overlay-stack'} data-testid="erf-average-view" data-stale={stale ? 'true' : 'false'}>
          <MapCanvas map={erf.map} className={`${smooth ? '' : 'pixelated '}base`} label={t('average.mapLabel', { images: erf.images })} testId="erf-average-map" />
          <CellOverlay
            imageSide={erf.map.width}
            gridStage={null}
            computed={{ stage: erf.stage, cell: erf.stagePosition, centre: { row: erf.row, col: erf.col } }}
            square={erf.ratios.find((r) => r.threshold === 0.5)?.box ?? null}
          />
        </div>
      ) : (
        <p className="meta">{t('average.onRequest')}</p>
      )}
    </ExplainedFigure>
  );
}
