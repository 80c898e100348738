// Small multiples: the ERF of the same image point at every stage, side by side, each with its 50 % area.
import { useApp } from '../../store';
import { useErfPoint } from './erfPoint';
import { MapCanvas } from '../../ui/render/MapCanvas';
import type { ImageInfo, ModelInfo } from '../../worker/protocol';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { erfColourScale } from './erfScale';
import { tileStrip } from './tileStrip';
import { useQuery } from '../../query/useQuery';
import { stageErfsQuery } from './erfQueries';

const GAP = 2;

export function StageMultiples({ model, image }: { model: ModelInfo; image: ImageInfo }) {
  const probe = useErfPoint();
  const smooth = useApp((s) => s.smooth);
  const { data, busy, error } = useQuery(stageErfsQuery);
  const results = data?.results ?? [];
  const pending = busy ? (data?.pending ?? []) : [];
  const s = image.inputSize;
  const stages = model.config.depths.length;
  // Results of an earlier model or image (another input side) are not drawn while the new ones are computed.
  const fits = results.length === stages && results.every((r) => r === null || (r.map.height === s && r.map.width === s));
  const shown = fits ? results : Array.from({ length: stages }, () => null);
  const strip = tileStrip(shown.map((r) => r?.map ?? null), s, GAP);
  const width = strip.width;
  return (
    <ExplainedFigure
      title="Effective receptive field at every stage"
      lead="The same point from each stage; % = image share holding half the field."
      text={`Each map is the ERF of the stage's cell nearest to pixel (${probe?.row ?? '…'}, ${probe?.col ?? '…'}) (dot: the cell's centre), each on its own scale (log10(1 + g) ÷ its own max). Deeper stages have coarser cells and usually wider fields; the number under each map is its 50 % area ratio.`}
      scale={erfColourScale(Math.max(0, ...shown.map((r) => r?.maxContribution ?? 0)))}
      busy={probe && pending.length > 0 ? `computing stage ${stages - pending.length + 1} of ${stages}…` : null}
      error={error}
      exportParts={[model.id, 'erf-stages', probe ? `${probe.row}-${probe.col}` : undefined]}
      testId="erf-stages"
    >
      {probe ? (
        <div className="strip" style={{ aspectRatio: `${width} / ${s}` }}>
          <MapCanvas map={strip} className={`${smooth ? '' : 'pixelated '}strip-canvas`} label="ERF of the same point at every stage" testId="erf-stages-map" />
          {shown.map((r, i) =>
            r ? (
              <span
                key={i}
                className="strip-dot"
                aria-hidden="true"
                style={{ left: `${((i * (s + GAP) + r.col + 0.5) / width) * 100}%`, top: `${((r.row + 0.5) / s) * 100}%` }}
              />
            ) : null,
          )}
        </div>
      ) : (
        <p className="meta">Waiting for the first image.</p>
      )}
      {probe && (
        <ol className="strip-labels" style={{ gridTemplateColumns: `repeat(${stages}, 1fr)` }}>
          {shown.map((r, i) => (
            <li key={i} data-testid="erf-stage-tile" data-stage={i} data-ready={r !== null && !pending.includes(i) ? 'true' : 'false'}>
              <strong>Stage {i + 1}</strong>
              <span>{r ? `(${r.stagePosition.row}, ${r.stagePosition.col}) · ${((r.ratios.find((x) => x.threshold === 0.5)?.areaRatio ?? 0) * 100).toFixed(0)} %` : '…'}</span>
            </li>
          ))}
        </ol>
      )}
    </ExplainedFigure>
  );
}
