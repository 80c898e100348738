// The ERF of one output cell for the current image: the stage's grid and the cell under the cursor are shown
// before the click, the click computes exactly that cell, and the caption says which pixel chose which cell.
import { useState } from 'react';
import { setProbe } from '../../actions';
import { stageSize } from '../../../engine/config';
import { stageStride } from '../../../engine/analysis/positions';
import { gridKeyTarget } from '../../ui/render/gridKeys';
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { erfQuery } from './erfQueries';
import type { ImageInfo, ModelInfo } from '../../worker/protocol';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { AreaRatioTable } from './AreaRatioTable';
import { ErfPicture } from './ErfPicture';
import { erfColourScale, gradientWords } from './erfScale';
import { sharePercent } from './erfText';
import { formatNumber, useT } from '../../i18n/i18n';
import { cellOfPixel, type Cell } from './stageCells';

function pixelAt(e: { clientX: number; clientY: number; currentTarget: Element }, side: number): Cell {
  const r = e.currentTarget.getBoundingClientRect();
  return { row: ((e.clientY - r.top) / r.height) * side, col: ((e.clientX - r.left) / r.width) * side };
}

export function CurrentErfFigure({ model, image }: { model: ModelInfo; image: ImageInfo }) {
  const t = useT('erf');
  const stage = useApp((s) => s.stage);
  const { data: erf, busy, error } = useQuery(erfQuery);
  const probe = useApp((s) => s.probe);
  const [hover, setHover] = useState<Cell | null>(null);
  const s = image.inputSize;
  const n = stageSize(s, stage);
  const stride = stageStride(stage);
  const chosen = probe ? cellOfPixel(probe, s, stage) : null;
  const half = erf?.ratios.find((r) => r.threshold === 0.5);
  const who = probe ? t('current.picked', { row: probe.row, col: probe.col }) : t('current.notPicked', { row: Math.floor(s / 2), col: Math.floor(s / 2) });
  const cell = erf ? { cellRow: erf.stagePosition.row, cellCol: erf.stagePosition.col, stage: erf.stage + 1, row: erf.row, col: erf.col } : null;
  const where = cell ? t('current.where', { who, ...cell }) : t('current.hover');
  return (
    <ExplainedFigure
      title={t('current.title', { stage: stage + 1 })}
      lead={half ? t('current.leadHalf', { share: sharePercent(half.areaRatio) }) : t('current.lead')}
      text={t('current.text', { stage: stage + 1, side: s, n, stride, where, gradient: gradientWords() })}
      scale={erfColourScale(erf?.maxContribution ?? 0)}
      busy={busy ? t('current.busy') : null}
      error={error}
      exportParts={[model.id, `stage${stage + 1}`, 'erf', erf ? `${erf.row}-${erf.col}` : undefined]}
      testId="erf-figure"
      footer={
        erf ? (
          <details className="text-toggle" aria-live="polite">
            <summary>{t('current.ratiosToggle')}</summary>
            <AreaRatioTable
              erf={erf}
              testPrefix="erf"
              caption={t('current.ratiosCaption', { ...cell })}
            />
            <p className="meta">{t('current.milliseconds', { ms: formatNumber(erf.milliseconds, { maximumFractionDigits: 0, useGrouping: false }) })}</p>
          </details>
        ) : (
          <p className="meta">{t('current.computingCentre')}</p>
        )
      }
    >
      <ErfPicture
        image={image}
        erf={erf}
        label={cell ? t('current.mapLabel', { ...cell }) : t('title')}
        testId="erf-view"
        mapTestId="erf-map"
        marks={{
          gridStage: stage,
          hover,
          computed: erf ? { stage: erf.stage, cell: erf.stagePosition, centre: { row: erf.row, col: erf.col } } : null,
          picked: probe,
          square: half?.box ?? null,
        }}
      >
        <button
          type="button"
          className="click-layer"
          data-testid="erf-click"
          aria-label={t('current.clickLabel', { stage: stage + 1 })}
          onPointerMove={(e) => setHover(cellOfPixel(pixelAt(e, s), s, stage).cell)}
          onPointerLeave={() => setHover(null)}
          onBlur={() => setHover(null)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') return; // the button's own activation: the centre
            // Arrows step one cell of the stage grid (stride image pixels), not one image pixel.
            const from = chosen?.cell ?? cellOfPixel({ row: s / 2, col: s / 2 }, s, stage).cell;
            const to = gridKeyTarget(e.key, e.shiftKey, from, n, n);
            if (!to) return;
            e.preventDefault();
            const centre = cellOfPixel({ row: to.row * stride, col: to.col * stride }, s, stage).centre;
            setHover(to);
            setProbe(centre.row, centre.col);
          }}
          onClick={(e) => {
            if (e.detail === 0) {
              setProbe(Math.floor(s / 2), Math.floor(s / 2)); // keyboard activation
              return;
            }
            const p = pixelAt(e, s);
            setProbe(Math.min(s - 1, Math.floor(p.row)), Math.min(s - 1, Math.floor(p.col)));
          }}
        />
      </ErfPicture>
    </ExplainedFigure>
  );
}
