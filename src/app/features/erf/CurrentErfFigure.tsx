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
import { erfColourScale, GRADIENT_WORDS } from './erfScale';
import { cellOfPixel, type Cell } from './stageCells';

function pixelAt(e: { clientX: number; clientY: number; currentTarget: Element }, side: number): Cell {
  const r = e.currentTarget.getBoundingClientRect();
  return { row: ((e.clientY - r.top) / r.height) * side, col: ((e.clientX - r.left) / r.width) * side };
}

export function CurrentErfFigure({ model, image }: { model: ModelInfo; image: ImageInfo }) {
  const stage = useApp((s) => s.stage);
  const { data: erf, busy, error } = useQuery(erfQuery);
  const probe = useApp((s) => s.probe);
  const [hover, setHover] = useState<Cell | null>(null);
  const s = image.inputSize;
  const n = stageSize(s, stage);
  const stride = stageStride(stage);
  const chosen = probe ? cellOfPixel(probe, s, stage) : null;
  const half = erf?.ratios.find((r) => r.threshold === 0.5);
  const who = probe ? `You picked pixel (${probe.row}, ${probe.col})` : `Nothing picked yet: the image centre, pixel (${Math.floor(s / 2)}, ${Math.floor(s / 2)})`;
  const where = erf
    ? `${who}; it lies nearest to the centre of cell (${erf.stagePosition.row}, ${erf.stagePosition.col}) of stage ${erf.stage + 1}, at pixel (${erf.row}, ${erf.col}) (dot), so the map is that cell's.`
    : 'Move over the image: the outlined cell is the one a click computes.';
  return (
    <ExplainedFigure
      title={`Effective receptive field, stage ${stage + 1}`}
      lead={`Which input pixels can change this output cell${half ? `: half its influence comes from ${(half.areaRatio * 100).toFixed(0)} % of the image` : ''}. Click to pick another.`}
      text={`A receptive field is the part of the input an output cell can see. Before any click this is the cell at the image centre. Stage ${stage + 1} turns the ${s}×${s} image into a ${n}×${n} grid of output cells, one per ${stride}×${stride} pixels (the lines); a click picks a whole cell, not a pixel. ${where} Colour: ${GRADIENT_WORDS}, log-scaled; no colour = no influence. Dashed: the smallest square holding half the total. Arrow keys move the cell.`}
      scale={erfColourScale(erf?.maxContribution ?? 0)}
      busy={busy ? 'recomputing the ERF…' : null}
      error={error}
      exportParts={[model.id, `stage${stage + 1}`, 'erf', erf ? `${erf.row}-${erf.col}` : undefined]}
      testId="erf-figure"
      footer={
        erf ? (
          <details className="how-to-read" aria-live="polite">
            <summary>Area ratios</summary>
            <AreaRatioTable
              erf={erf}
              testPrefix="erf"
              caption={`Area ratios of cell (${erf.stagePosition.row}, ${erf.stagePosition.col}) of stage ${erf.stage + 1}, centred on image position (${erf.row}, ${erf.col})`}
            />
            <p className="meta">{erf.milliseconds.toFixed(0)} ms (one gradient on the active backend)</p>
          </details>
        ) : (
          <p className="meta">Computing the ERF of the image centre…</p>
        )
      }
    >
      <ErfPicture
        image={image}
        erf={erf}
        label={erf ? `Effective receptive field of cell (${erf.stagePosition.row}, ${erf.stagePosition.col}), stage ${erf.stage + 1}` : 'Effective receptive field'}
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
          aria-label={`Pick an output cell of stage ${stage + 1}: click, or use the arrow keys (Enter picks the centre first)`}
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
