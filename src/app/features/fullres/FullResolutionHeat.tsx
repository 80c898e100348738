// Full-resolution heat on the image itself: the user's image at its own resolution (long side capped) is the
// initial temperature of three heat equations (R, G, B), diffused by the WGSL heat operator in the worker with
// a uniform k, with the learned k of the chosen vHeat block, or (HcNet) by the block's explicit steps beside
// the spectral solution. The worker sends a stack of frames at log-spaced t; the page animates it.
import { useRef, useState } from 'react';
import { setFullRes } from '../../actions';
import { useT } from '../../i18n/i18n';
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { logSlider } from '../../ui/logSlider';
import { ProgressBar } from '../../ui/ProgressBar';
import { usePlayback } from '../../ui/usePlayback';
import { useSeen } from '../../ui/useSeen';
import { FULL_RES_SIDES, type FullResSettings } from '../../url/urlState';
import type { FullResResult } from '../../worker/protocol';
import { isHeatConfig } from '../../../engine/models/heatFamily';
import { FullResExport } from './FullResExport';
import { defaultSide, FRAMES, fullResQuery, onHardwareGpu, type FullResFrames } from './fullResQuery';
import { captionLines, formatK, frameLabel, precise } from './fullResText';
import { FrameCanvas, LogAxis, RgbColourBar } from './FullResolutionParts';
import './fullResolutionHeat.css';

const PLAYBACK_FPS = [6, 12, 30, 60];

/** k slider: 0.1 to 1000, 25 positions per decade. */
const K_SLIDER = logSlider({ positions: 100, lowDecade: -1, stepsPerDecade: 25, zeroAtStart: false });

export function FullResolutionHeat() {
  const t = useT('fullres');
  const image = useApp((s) => s.image);
  const model = useApp((s) => s.model);
  const hardware = useApp((s) => onHardwareGpu(s.backend));
  const settings = useApp((s) => s.fullRes);
  const ref = useRef<HTMLElement>(null);
  const seen = useSeen(ref, image !== null);
  // Only computed for a view someone has seen.
  const query = useQuery(fullResQuery, seen);
  const frames = query.data;
  const busy = query.busy ? query.progress : null;
  const [fps, setFps] = useState(12);
  const count = frames?.result.times.length ?? FRAMES;
  const index = Math.min(settings.frame, count - 1);
  const { playing, setPlaying } = usePlayback({ count, index, setIndex: (frame) => setFullRes({ frame }), frameMs: 1000 / fps, loop: true });
  const backend = useApp((s) => s.backend);
  if (!image) return null;
  const maxSide = settings.maxSide ?? defaultSide(backend);
  return (
    <section ref={ref} className="panel fullres" aria-labelledby="fullres-title" data-testid="fullres" aria-busy={busy !== null}>
      <h2 id="fullres-title">{t('title')}</h2>
      <FullResControls settings={settings} update={setFullRes} busy={busy !== null} family={model && isHeatConfig(model.config) ? model.config.family : null} maxSide={maxSide} fps={fps} setFps={setFps} />
      <ProgressBar busy={busy} testId="fullres-progress" />
      <ErrorMessage message={query.error} testId="fullres-error" />
      {frames ? (
        <FullResFigures frames={frames} index={index} smooth={settings.smooth} busy={busy !== null} />
      ) : (
        <div className="fr-figure recomputing">
          <div className="fr-placeholder">
            <p className="meta">{busy ? t('diffusing') : t('computedWhenSeen')}</p>
          </div>
          {busy && <div className="fr-spinner" data-testid="fullres-busy" />}
        </div>
      )}
      {frames && (
        <>
          <FullResTime result={frames.result} index={index} playing={playing} setPlaying={setPlaying} onIndex={(i) => setFullRes({ frame: i })} />
          <RgbColourBar />
          <FullResCaption result={frames.result} index={index} maxSide={maxSide} inputSize={image.inputSize} hardware={hardware} />
          <FullResExport frames={frames} index={index} smooth={settings.smooth} modelId={model?.id ?? 'no-model'} maxSide={maxSide} />
        </>
      )}
    </section>
  );
}

function FullResControls({ settings, update, busy, family, maxSide, fps, setFps }: {
  settings: FullResSettings;
  update: (p: Partial<FullResSettings>) => void;
  busy: boolean;
  family: 'vheat' | 'hcnet' | null;
  maxSide: number;
  fps: number;
  setFps: (f: number) => void;
}) {
  const t = useT('fullres');
  const note = busy ? <span className="fr-busy-note" data-testid="fullres-recomputing"> {t('recomputing')}</span> : null;
  const blockLabel = family === 'hcnet' ? t('mode.hcnetBlock') : t('mode.learnedBlock');
  return (
    <div className="fr-controls">
      <fieldset>
        <legend>{t('diffusivity')} {settings.mode === 'uniform' ? null : note}</legend>
        <label>
          <input type="radio" name="fullres-mode" checked={settings.mode === 'uniform'} onChange={() => update({ mode: 'uniform' })} /> {t('mode.uniform')}
        </label>
        <label>
          <input type="radio" name="fullres-mode" checked={settings.mode === 'block'} disabled={family === null} onChange={() => update({ mode: 'block' })} /> {blockLabel}
        </label>
      </fieldset>
      {settings.mode === 'uniform' && (
        <label className="fr-k">
          {t('k')}
          <input
            type="range" min={0} max={100} value={K_SLIDER.toPosition(settings.k)} aria-label={t('kSlider')}
            aria-valuetext={`k = ${formatK(settings.k)}`} data-testid="fullres-k"
            onChange={(e) => update({ k: K_SLIDER.toValue(Number(e.currentTarget.value)) })}
          />
          <output>{formatK(settings.k)}</output>
          {note}
        </label>
      )}
      <details className="fr-more">
        <summary>{t('settings.summary')}</summary>
      <label>
        {t('settings.longSide')}{' '}
        <select value={maxSide} onChange={(e) => update({ maxSide: Number(e.currentTarget.value) })} data-testid="fullres-side">
          {FULL_RES_SIDES.map((s) => <option key={s} value={s}>{t('settings.side', { side: s })}</option>)}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={settings.smooth} onChange={(e) => update({ smooth: e.currentTarget.checked })} data-testid="fullres-smooth" /> {t('settings.smooth')}
      </label>
      <label>
        {t('settings.speed')}{' '}
        <select value={fps} onChange={(e) => setFps(Number(e.currentTarget.value))} aria-label={t('settings.speedLabel')}>
          {PLAYBACK_FPS.map((f) => <option key={f} value={f}>{t('settings.fps', { fps: f })}</option>)}
        </select>
      </label>
      </details>
    </div>
  );
}

function FullResFigures({ frames, index, smooth, busy }: { frames: FullResFrames; index: number; smooth: boolean; busy: boolean }) {
  const t = useT('fullres');
  const r = frames.result;
  const label = frameLabel(r, index);
  const panels = frames.explicit
    ? [
        { title: t('panel.explicit'), bitmaps: frames.explicit, testId: 'fullres-explicit' },
        { title: t('panel.spectralOperator'), bitmaps: frames.spectral, testId: 'fullres-canvas' },
      ]
    : [{ title: r.mode.kind === 'learned' ? t('panel.learned') : t('panel.uniform'), bitmaps: frames.spectral, testId: 'fullres-canvas' }];
  return (
    <div className={frames.explicit ? 'fr-figures pair' : 'fr-figures'}>
      {panels.map((p) => (
        <figure key={p.testId} className={busy ? 'fr-figure recomputing' : 'fr-figure'}>
          <h3>{p.title}</h3>
          <FrameCanvas
            frames={p.bitmaps} index={index} width={r.width} height={r.height} smooth={smooth} testId={p.testId}
            label={t('frameLabel', { title: p.title, name: r.imageName, width: r.width, height: r.height, frame: label })}
          />
          {busy && <div className="fr-spinner" data-testid="fullres-busy" />}
        </figure>
      ))}
    </div>
  );
}

function FullResTime({ result, index, playing, setPlaying, onIndex }: {
  result: FullResResult;
  index: number;
  playing: boolean;
  setPlaying: (p: boolean) => void;
  onIndex: (i: number) => void;
}) {
  const t = useT('fullres');
  const label = frameLabel(result, index);
  const hcnet = result.mode.kind === 'hcnet';
  return (
    <div className="fr-time">
      <div className="row">
        <button type="button" aria-pressed={playing} onClick={() => setPlaying(!playing)} data-testid="fullres-play">
          {playing ? t('pause') : t('play')}
        </button>
        <span className="fr-now" data-testid="fullres-t" aria-live="off">{label}</span>
      </div>
      <input
        type="range" min={0} max={result.times.length - 1} value={index} aria-label={hcnet ? t('timeSlider.steps') : t('timeSlider.time')}
        aria-valuetext={label} data-testid="fullres-time"
        onChange={(e) => {
          setPlaying(false);
          onIndex(Number(e.currentTarget.value));
        }}
      />
      <LogAxis times={result.times} unit={hcnet ? 'steps' : 't'} />
    </div>
  );
}

function FullResCaption({ result, index, maxSide, inputSize, hardware }: { result: FullResResult; index: number; maxSide: number; inputSize: number; hardware: boolean }) {
  const t = useT('fullres');
  const lines = captionLines(result, index, maxSide);
  const h = result.hcnet;
  const unstable = h ? h.alpha > h.alphaMax : false;
  return (
    <div className="fr-caption" data-testid="fullres-caption">
      <p>{lines[1]}</p>
      <details className="how-to-read">
        <summary title={t('howToRead')} aria-label={t('howToRead')}>?</summary>
        {[lines[0], ...lines.slice(2)].map((l) => <p key={l.slice(0, 40)}>{l}</p>)}
        <p>{hardware ? t('ownResolution.hardware', { inputSize }) : t('ownResolution.software', { inputSize })}</p>
      </details>
      {h && (
        <p className={unstable ? 'fr-stability unstable' : 'fr-stability'} data-testid="fullres-stability">
          <b>{t('stability.label')}</b>{' '}
          {t('stability.line', {
            alpha: precise(h.alpha, 3), relation: unstable ? '>' : '≤', alphaMax: precise(h.alphaMax, 3),
            verdict: unstable ? t('stability.unstable') : t('stability.stable'), blockAlpha: precise(h.blockAlpha, 3),
          })}
        </p>
      )}
    </div>
  );
}
