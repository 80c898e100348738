// The ERF growing through depth: after the stem, then after each block of each stage, for the same image point,
// frame by frame as the gradients arrive, with the area ratios plotted against depth beside it.
import { useEffect, useState } from 'react';
import { networkDepths } from '../../../engine/analysis/networkDepths';
import { depthLabel } from '../../../engine/analysis/networkDepths';
import { useApp } from '../../store';
import type { ImageInfo, ModelInfo } from '../../worker/protocol';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { ErfPicture } from './ErfPicture';
import { erfColourScale } from './erfScale';
import { RatioDepthPlot } from './RatioDepthPlot';
import { useQuery } from '../../query/useQuery';
import { usePlayback } from '../../ui/usePlayback';
import { erfThroughDepthQuery } from './erfQueries';

const FRAME_MS = 700;

export function DepthFigure({ model, image }: { model: ModelInfo; image: ImageInfo }) {
  const probe = useApp((s) => s.probe);
  const global = useApp((s) => s.diffusivity.global);
  const [active, setActive] = useState(false);
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
  const busy = running && next ? `computing block ${frames.length + 1} of ${depths.length} (${depthLabel(next)})…` : null;
  const onButton = () => {
    if (!active) setActive(true);
    else if (playing) setPlaying(false);
    else {
      if (index >= last) setIndex(0);
      setPlaying(true);
    }
  };
  return (
    <ExplainedFigure
      title="Effective receptive field through depth"
      lead="Watch the receptive field grow, layer by layer."
      text={`The ERF of the cell nearest to pixel (${probe?.row ?? '…'}, ${probe?.col ?? '…'}) after the stem, then after every block of every stage (${depths.length || model.config.depths.reduce((a, b) => a + b, 1)} depths, one gradient each). Each frame is on its own scale (log10(1 + g) ÷ its own max), so compare shapes, not brightness. The plot gives the area ratios per depth: the convolutions widen the field a little per block, the heat operators spread it over the map${global === 0 ? ' — at diffusivity 0 they are switched off, so the field stays local' : '; set the diffusivity to 0 to see it stay local'}.`}
      scale={erfColourScale(shown?.maxContribution ?? 0)}
      busy={busy}
      error={error}
      exportParts={[model.id, 'erf-depth', depth ? depthLabel(depth) : undefined, probe ? `${probe.row}-${probe.col}` : undefined]}
      testId="erf-depth"
      footer={
        <div className="depth-side">
          <div className="depth-controls">
            <button type="button" data-testid="erf-depth-start" disabled={!probe} onClick={onButton}>
              {!active ? 'Watch it grow through depth' : playing ? 'Pause' : 'Play from the stem'}
            </button>
            {frames.length > 0 && (
              <label>
                depth <strong data-testid="erf-depth-label">{depth ? depthLabel(depth) : ''}</strong>
                <input
                  type="range" min={0} max={Math.max(0, last)} value={Math.min(index, last)} data-testid="erf-depth-scrub"
                  aria-label="Depth shown" aria-valuetext={depth ? depthLabel(depth) : ''}
                  onChange={(e) => {
                    setPlaying(false);
                    setIndex(Number(e.target.value));
                  }}
                />
              </label>
            )}
          </div>
          {active && <RatioDepthPlot depths={depths} frames={frames} current={Math.min(index, last)} />}
        </div>
      }
    >
      {active ? (
        <div data-testid="erf-depth-frames" data-frames={frames.length} data-depths={depths.length} data-running={running ? 'true' : 'false'} data-point={point ? `${point.row},${point.col}` : ''}>
          <ErfPicture
            image={image}
            erf={shown}
            label={depth ? `Effective receptive field after ${depthLabel(depth)}` : 'Effective receptive field through depth'}
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
        <p className="meta">{probe ? 'Press the button to compute the ERF at every depth for this point.' : 'Click the image above to choose a point first.'}</p>
      )}
    </ExplainedFigure>
  );
}
