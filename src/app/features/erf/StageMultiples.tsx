// Small multiples: the ERF of the same image point at every stage, side by side, each with its 50 % area.
import { useApp } from '../../store';
import { useErfPoint } from './erfPoint';
import { MapCanvas } from '../../ui/render/MapCanvas';
import type { ImageInfo, ModelInfo } from '../../worker/protocol';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { erfColourScale } from './erfScale';
import { sharePercent } from './erfText';
import { useT } from '../../i18n/i18n';
import { tileStrip } from './tileStrip';
import { useQuery } from '../../query/useQuery';
import { stageErfsQuery } from './erfQueries';

const GAP = 2;

export function StageMultiples({ model, image }: { model: ModelInfo; image: ImageInfo }) {
  const t = useT('erf');
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
      title={t('stages.title')}
      lead={t('stages.lead')}
      text={t('stages.text', { row: probe?.row ?? '…', col: probe?.col ?? '…' })}
      scale={erfColourScale(Math.max(0, ...shown.map((r) => r?.maxContribution ?? 0)))}
      busy={probe && pending.length > 0 ? t('stages.busy', { done: stages - pending.length + 1, total: stages }) : null}
      error={error}
      exportParts={[model.id, 'erf-stages', probe ? `${probe.row}-${probe.col}` : undefined]}
      testId="erf-stages"
    >
      {probe ? (
        <div className="strip" style={{ aspectRatio: `${width} / ${s}` }}>
          <MapCanvas map={strip} className={`${smooth ? '' : 'pixelated '}strip-canvas`} label={t('stages.mapLabel')} testId="erf-stages-map" />
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
        <p className="meta">{t('stages.waiting')}</p>
      )}
      {probe && (
        <ol className="strip-labels" style={{ gridTemplateColumns: `repeat(${stages}, 1fr)` }}>
          {shown.map((r, i) => (
            <li key={i} data-testid="erf-stage-tile" data-stage={i} data-ready={r !== null && !pending.includes(i) ? 'true' : 'false'}>
              <strong>{t('stages.stage', { stage: i + 1 })}</strong>
              <span>{r ? t('stages.tile', { row: r.stagePosition.row, col: r.stagePosition.col, share: sharePercent(r.ratios.find((x) => x.threshold === 0.5)?.areaRatio ?? 0) }) : '…'}</span>
            </li>
          ))}
        </ol>
      )}
    </ExplainedFigure>
  );
}
