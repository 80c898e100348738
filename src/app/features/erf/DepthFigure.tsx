// The ERF growing through depth: after the stem, then after each block of each stage, for the same image point,
// frame by frame as the gradients arrive, with the area ratios plotted against depth beside it.
import { useEffect, useRef, useState } from 'react';
import { networkDepths, type NetworkDepth } from '../../../engine/analysis/networkDepths';
import { depthLabel } from '../../../engine/analysis/networkDepths';
import { useT, tFor } from '../../i18n/i18n';
import { depthName, sharePercent } from './erfText';
import { useApp } from '../../store';
import { useSeen } from '../../ui/useSeen';
import { useErfPoint } from './erfPoint';
import type { ImageInfo, ModelInfo } from '../../worker/protocol';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { ErfPicture } from './ErfPicture';
import { erfColourScale } from './erfScale';
import { RatioDepthPlot } from './RatioDepthPlot';
import { useQuery } from '../../query/useQuery';
import { usePlayback } from '../../ui/usePlayback';
import { erfThroughDepthQuery } from './erfQueries';

const FRAME_MS = 700;

const half = (e: { ratios: { threshold: number; areaRatio: number }[] }) => sharePercent(e.ratios.find((r) => r.threshold === 0.5)?.areaRatio ?? 0);

/** One line from the numbers computed: the 50 % area after the stem and after the last depth computed so far. */
function depthLead(frames: { ratios: { threshold: number; areaRatio: number }[] }[], depths: { stage: number; blocks: number }[]): string {
  const t = tFor('erf');
  if (frames.length < 2) return t('depth.blockByBlock');
  const last = frames.length - 1;
  return t('depth.lead', { first: half(frames[0]), last: half(frames[last]), depth: depthName(depths[last] as NetworkDepth) });
}

export function DepthFigure({ model, image }: { model: ModelInfo; image: ImageInfo }) {
  const t = useT('erf');
  const probe = useErfPoint();
  const global = useApp((s) => s.diffusivity.global);
  // Computed once the figure has been on screen (one gradient per depth), then it follows the point and sliders.
  const box = useRef<HTMLDivElement>(null);
  const active = useSeen(box, true);
  const query = useQuery(erfThroughDepthQuery, active);
  const depths = active ? (query.data?.depths ?? networkDepths(model.config.depths)) : [];
  const frames = active ? (query.data?.frames ?? []) : [];
  const point = query.data?.point ?? null;
  const running = active && query.busy;
  const error = query.error;
  const [index, setIndex] = useState(0);
  const last = frames.length - 1;
  const { playing, setPlaying } = usePlayback({ count: frames.length, index, setIndex, frameMs: FRAME_MS, loop: false });
  // While computing, show each frame as it arrives; when all are in, play them once from the stem.
  useEffect(() => {
    if (running) setIndex(Math.max(0, last));
  }, [running, last]);
  useEffect(() => {
    if (!running && last > 0 && last === depths.length - 1) {
      setIndex(0);
      setPlaying(true);
    }
  }, [running, last, depths.length, setPlaying]);
  const shown = frames[Math.min(index, last)] ?? null;
  const depth = shown ? depths[Math.min(index, last)] : null;
  const next = depths[frames.length];
  const busy = running && next ? t('depth.busy', { done: frames.length + 1, total: depths.length, depth: depthName(next) }) : null;
  const onButton = () => {
    if (playing) setPlaying(false);
    else {
      if (index >= last) setIndex(0);
      setPlaying(true);
    }
  };
  return (
    <ExplainedFigure
      title={t('depth.title')}
      lead={depthLead(frames, depths)}
      text={t('depth.text', { row: probe?.row ?? '…', col: probe?.col ?? '…', depths: depths.length || model.config.depths.reduce((a, b) => a + b, 1), global })}
      scale={shown ? erfColourScale(shown.maxContribution) : undefined}
      busy={busy}
      error={error}
      exportParts={[model.id, 'erf-depth', depth ? depthLabel(depth) : undefined, probe ? `${probe.row}-${probe.col}` : undefined]}
      testId="erf-depth"
      footer={
        <div className="depth-side">
          <div className="depth-controls">
            <button type="button" data-testid="erf-depth-start" disabled={frames.length === 0} onClick={onButton}>
              {playing ? t('depth.pause') : t('depth.play')}
            </button>
            {frames.length > 0 && (
              <label>
                {t('depth.depth')} <strong data-testid="erf-depth-label">{depth ? depthName(depth) : ''}</strong>
                <input
                  type="range" min={0} max={Math.max(0, last)} value={Math.min(index, last)} data-testid="erf-depth-scrub"
                  aria-label={t('depth.depthShown')} aria-valuetext={depth ? depthName(depth) : ''}
                  onChange={(e) => {
                    setPlaying(false);
                    setIndex(Number(e.target.value));
                  }}
                />
              </label>
            )}
          </div>
          {active && (
            <details className="text-toggle">
              <summary>{t('depth.plotToggle')}</summary>
              <RatioDepthPlot depths={depths} frames={frames} current={Math.min(index, last)} />
            </details>
          )}
        </div>
      }
    >
      {active ? (
        <div data-testid="erf-depth-frames" data-frames={frames.length} data-depths={depths.length} data-running={running ? 'true' : 'false'} data-point={point ? `${point.row},${point.col}` : ''}>
          <ErfPicture
            image={image}
            erf={shown}
            label={depth ? t('depth.mapLabel', { depth: depthName(depth) }) : t('depth.title')}
            testId="erf-depth-view"
            mapTestId="erf-depth-map"
            marks={{
              gridStage: null,
              computed: shown ? { stage: shown.stage, cell: shown.stagePosition, centre: { row: shown.row, col: shown.col } } : null,
              picked: probe,
              square: shown?.ratios.find((r) => r.threshold === 0.5)?.box ?? null,
            }}
          />
        </div>
      ) : (
        <p className="meta" ref={box}>{t('depth.whenSeen')}</p>
      )}
    </ExplainedFigure>
  );
}
