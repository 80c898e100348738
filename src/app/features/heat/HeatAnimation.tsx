// The block's heat diffusion over time on top of the model input, with playback, a log time axis, the
// channel view, the colour scaling, and a colour bar in the map's own units.
import { useEffect, useRef, useState } from 'react';
import { setChannelMode, setFrameScaling, setHeatTime } from '../../actions';
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { useT } from '../../i18n/i18n';
import { formatFixed } from './formatDigits';
import { usePlayback } from '../../ui/usePlayback';
import { MapCanvas } from '../../ui/render/MapCanvas';
import { download, exportName } from '../../ui/render/exportFigure';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { RgbaCanvas } from '../../ui/RgbaCanvas';
import { HCNET_STEPS, nearestTimeIndex, timeAxisLabels, VHEAT_TIMES } from './heatTimes';
import { frameScale, heatFigureText, timeText } from './heatFigureText';
import type { HeatFramesResult } from '../../worker/protocol';
import { heatFramesQuery } from './heatQueries';
import { heatAnimationWebm, type HeatVideo } from './heatVideo';
import { ChannelStripPanel } from './ChannelStripPanel';
import { HowToRead } from './HowToRead';

/** The animation plays once when the page first shows frames (t left at its default 0), unless motion is reduced;
 *  then it rests at t = 1, the block itself, where the other heat figures (operator, point response) have a shape. */
let arrivalPlayed = false;

function useArrivalPlayback(ready: boolean, atStart: boolean, atEnd: boolean, playing: boolean, play: () => void, showBlock: () => void) {
  const arrival = useRef(false);
  useEffect(() => {
    if (!ready || arrivalPlayed) return;
    arrivalPlayed = true;
    if (!atStart) return;
    if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) return showBlock();
    arrival.current = true;
    // A reader who acts during the run (a key, a click, a drag) keeps the t they chose: no rest at t = 1 then.
    const cancel = () => {
      arrival.current = false;
      for (const type of ['keydown', 'pointerdown', 'input'] as const) window.removeEventListener(type, cancel, true);
    };
    for (const type of ['keydown', 'pointerdown', 'input'] as const) window.addEventListener(type, cancel, true);
    play();
  }, [ready]); // eslint-disable-line react-hooks/exhaustive-deps -- once, when the first frames arrive
  useEffect(() => {
    if (playing || !arrival.current) return;
    arrival.current = false;
    // Only a run that reached the end rests at t = 1; a reader who stopped it or moved t keeps their t.
    if (atEnd) showBlock();
  }, [playing]); // eslint-disable-line react-hooks/exhaustive-deps -- when the arrival run ends (or is stopped)
}

function ChangedLine({ frames, perFrame, hcnet }: { frames: HeatFramesResult; perFrame: boolean; hcnet: boolean }) {
  const t = useT('heat');
  const share = perFrame ? frames.changed.perFrame : frames.changed.shared;
  const first = timeText(hcnet, frames.times[0]);
  const last = timeText(hcnet, frames.times[frames.times.length - 1]);
  return (
    <p className="changed-line" data-testid="heat-changed">
      {t('animation.changed', { share: formatFixed(share * 100, 0), first, last })}
    </p>
  );
}

const FRAME_MS = 120;

export function HeatAnimation({ onPick }: { onPick: (row: number, col: number) => void }) {
  const t = useT('heat');
  const query = useQuery(heatFramesQuery);
  const model = useApp((s) => s.model)!;
  const image = useApp((s) => s.image)!;
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const mode = useApp((s) => s.channelMode);
  const heatTime = useApp((s) => s.heatTime);
  const perFrame = useApp((s) => s.frameScaling === 'per-frame');
  const smooth = useApp((s) => s.smooth);
  const opacity = useApp((s) => s.overlayOpacity);
  const hcnet = model.config.family === 'hcnet';
  const times = hcnet ? HCNET_STEPS : VHEAT_TIMES;
  const index = nearestTimeIndex(times, heatTime);
  const setIndex = (i: number) => setHeatTime(times[Math.max(0, Math.min(times.length - 1, i))]);
  const [loop, setLoop] = useState(false);
  const { playing, setPlaying } = usePlayback({ count: times.length, index, setIndex, frameMs: FRAME_MS, loop });
  useArrivalPlayback(query.data !== null && !query.busy, index === 0, index === times.length - 1, playing, () => setPlaying(true), () => setHeatTime(1));
  const time = times[index];
  const frames = query.data;
  const frame = frames ? Math.max(0, frames.times.indexOf(time)) : 0;
  const { scale, window } = frames ? frameScale(frames, frame, perFrame, mode) : {};
  const context = { hcnet, modelTitle: model.title, stage, block, scale: frames?.scale, perFrame };
  const tText = timeText(hcnet, time);
  const { title, lead, text } = heatFigureText(context, time);
  return (
    <div className="heat-animation">
      <ExplainedFigure
        title={title}
        lead={lead}
        text=""
        scale={scale}
        busy={query.busy ? t('animation.busy') : null}
        error={query.error}
        exportParts={[model.id, `stage${stage + 1}`, `block${block + 1}`, hcnet ? `steps=${time}` : `t=${time}`, image.name]}
        testId="heat-figure"
        footer={
          <>
            {frames?.maps.channels === 3 && <p className="meta">{t('animation.pca')}</p>}
            {frames && <ChangedLine frames={frames} perFrame={perFrame} hcnet={hcnet} />}
            <HowToRead>{text}</HowToRead>
          </>
        }
      >
        <div className="overlay-stack">
          <RgbaCanvas data={image.modelInput} size={image.inputSize} label={t('animation.base')} className={`${smooth ? '' : 'pixelated '}base`} />
          {frames && (
            <MapCanvas
              map={frames.maps}
              frame={frame}
              valueWindow={window}
              opacity={opacity}
              className={`${smooth ? '' : 'pixelated '}overlay`}
              label={t('animation.map', { time: tText })}
              testId="heat-frame"
              onPick={onPick}
            />
          )}
        </div>
      </ExplainedFigure>
      <div className="controls">
        <div className="row">
          <button type="button" onClick={() => { if (!playing && !loop && index === times.length - 1) setIndex(0); setPlaying(!playing); }} aria-pressed={playing} data-testid="heat-play">
            {playing ? t('controls.pause') : t('controls.play')}
          </button>
          <button type="button" onClick={() => setIndex(index - 1)} aria-label={t('controls.back')} disabled={index === 0}>◀</button>
          <button type="button" onClick={() => setIndex(index + 1)} aria-label={t('controls.forward')} disabled={index === times.length - 1}>▶</button>
          <button type="button" onClick={() => { setPlaying(false); setIndex(0); }}>{t('controls.reset')}</button>
          <label>
            <input type="checkbox" checked={loop} onChange={(e) => setLoop(e.currentTarget.checked)} /> {t('controls.loop')}
          </label>
          {frames && (
            <VideoExport
              video={{ frames, input: { data: image.modelInput, size: image.inputSize }, context, mode, opacity, smooth }}
              name={exportName([model.id, `stage${stage + 1}`, `block${block + 1}`, hcnet ? `steps=0-${times[times.length - 1]}` : `t=0-${times[times.length - 1]}`, image.name], 'webm')}
            />
          )}
        </div>
        <label className="scrub">
          <span>
            {hcnet ? t('controls.steps') : t('controls.time')} <output data-testid="heat-time">{tText}</output>
            {time === 1 && <em> {t('controls.thisBlock')}</em>}
          </span>
          <input
            type="range" min={0} max={times.length - 1} value={index} data-testid="heat-scrub"
            aria-label={hcnet ? t('controls.stepsLabel') : t('controls.timeLabel')}
            onChange={(e) => { setPlaying(false); setIndex(Number(e.currentTarget.value)); }}
            // Any input stops playback, also one that leaves the value as it was (React's onChange skips those).
            onInput={() => setPlaying(false)}
            aria-valuetext={tText}
          />
          <span className="axis-labels" aria-hidden="true">
            {timeAxisLabels(times).map((l) => (
              <span key={l.index} style={{ left: `${(l.index / (times.length - 1)) * 100}%` }}>{l.label}</span>
            ))}
          </span>
        </label>
        <ChannelStripPanel />
        <ChannelControls busy={query.busy} channels={frames?.channels ?? model.config.dims[stage]} />
      </div>
    </div>
  );
}

/** Records the whole animation (every time of the axis) as WebM, with its progress; a failure is said in place. */
function VideoExport({ video, name }: { video: HeatVideo; name: string }) {
  const t = useT('heat');
  const [working, setWorking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    setWorking(t('controls.recording'));
    try {
      const n = video.frames.times.length;
      download(await heatAnimationWebm(video, (i) => setWorking(t('controls.recordingFrame', { frame: i + 1, frames: n }))), name);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setWorking(null);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void save()} disabled={working !== null} data-testid="heat-webm" aria-label={t('controls.webmLabel')}>
        {working ?? 'WebM ↓'}
      </button>
      {error && <span className="error" role="alert">{error}</span>}
    </>
  );
}

function ChannelControls({ busy, channels }: { busy: boolean; channels: number }) {
  const t = useT('heat');
  const mode = useApp((s) => s.channelMode);
  const scaling = useApp((s) => s.frameScaling);
  const setMode = setChannelMode;
  // Behind a toggle: the default view (conducting channels, one shared scale) needs no choice to read.
  return (
    <details className="view-options" data-testid="heat-options">
      <summary>{t('options.title')} {busy && <span className="updating" data-testid="channel-options-updating">{t('options.updating')}</span>}</summary>
      <fieldset>
        <legend>
          {t('options.channels')} {busy && <span className="updating" data-testid="channel-updating">{t('options.updating')}</span>}
        </legend>
        <label><input type="radio" name="channel-mode" checked={mode.kind === 'conducting'} onChange={() => setMode({ kind: 'conducting' })} /> {t('options.conducting')}</label>
        <label><input type="radio" name="channel-mode" checked={mode.kind === 'energy'} onChange={() => setMode({ kind: 'energy' })} /> {t('options.energy')}</label>
        <label><input type="radio" name="channel-mode" checked={mode.kind === 'pca'} onChange={() => setMode({ kind: 'pca' })} /> {t('options.pca')}</label>
        <label><input type="radio" name="channel-mode" checked={mode.kind === 'channel'} onChange={() => setMode({ kind: 'channel', channel: 0 })} /> {t('options.one')}</label>
        <input
          type="number" min={0} max={channels - 1} value={mode.kind === 'channel' ? mode.channel : 0} disabled={mode.kind !== 'channel'} aria-label={t('options.index')}
          onChange={(e) => setMode({ kind: 'channel', channel: Math.min(channels - 1, Math.max(0, Number(e.currentTarget.value) || 0)) })}
        />
      </fieldset>
      <fieldset>
        <legend>{t('options.scale')}</legend>
        <label><input type="radio" name="frame-scaling" checked={scaling === 'shared'} onChange={() => setFrameScaling('shared')} /> {t('options.shared')}</label>
        <label><input type="radio" name="frame-scaling" checked={scaling === 'per-frame'} onChange={() => setFrameScaling('per-frame')} data-testid="scale-per-frame" /> {t('options.perFrame')}</label>
      </fieldset>
    </details>
  );
}
