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

interface Averaged {
  erf: ErfResult;
  /** What it was computed for: it goes stale when these change. */
  key: string;
}

export function AverageErfFigure({ model }: { model: ModelInfo }) {
  const stage = useApp((s) => s.stage);
  const diffusivity = useApp((s) => s.diffusivity);
  const samples = useApp((s) => s.samples.length);
  const smooth = useApp((s) => s.smooth);
  const [result, setResult] = useState<Averaged | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify([model.id, stage, diffusivity]);
  const run = async () => {
    setBusy('averaging…');
    try {
      const erf = await averageErf((fraction, label) => setBusy(`${label} (${Math.round(fraction * 100)} %)`));
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
      title={`Average effective receptive field, stage ${(erf?.stage ?? stage) + 1}`}
      lead="The typical receptive field, not this image's."
      text={`As in the vHeat and RepLKNet papers: g of the centre cell of stage ${(erf?.stage ?? stage) + 1}, averaged over the ${erf?.images ?? samples} sample images before the log scale. It belongs to no single image, so it is drawn on its own.${stale ? ' The stage, model or diffusivity changed since: press the button again.' : ''}`}
      scale={erf ? erfColourScale(erf.maxContribution) : undefined}
      busy={busy}
      error={error}
      exportParts={[model.id, `stage${(erf?.stage ?? stage) + 1}`, 'erf-average']}
      testId="erf-average-figure"
      footer={
        <>
          <button type="button" onClick={() => void run()} disabled={busy !== null || samples === 0} data-testid="erf-average">
            {erf ? 'Average again for the current settings' : 'Average over the samples'}
          </button>
          {erf && (
            <AreaRatioTable
              erf={erf}
              testPrefix="erf-average"
              caption={`Area ratios around the centre cell (${erf.stagePosition.row}, ${erf.stagePosition.col}), mean of ${erf.images} images`}
            />
          )}
        </>
      }
    >
      {erf ? (
        <div className={stale ? 'overlay-stack stale-result' : 'overlay-stack'} data-testid="erf-average-view" data-stale={stale ? 'true' : 'false'}>
          <MapCanvas map={erf.map} className={`${smooth ? '' : 'pixelated '}base`} label={`Average effective receptive field over ${erf.images} images`} testId="erf-average-map" />
          <CellOverlay
            imageSide={erf.map.width}
            gridStage={null}
            computed={{ stage: erf.stage, cell: erf.stagePosition, centre: { row: erf.row, col: erf.col } }}
            square={erf.ratios.find((r) => r.threshold === 0.5)?.box ?? null}
          />
        </div>
      ) : (
        <p className="meta">Not computed yet: one gradient per sample image, on request.</p>
      )}
    </ExplainedFigure>
  );
}
