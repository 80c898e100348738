// Full-resolution heat on the image itself: the user's image at its own resolution (long side capped) is the
// initial temperature of three heat equations (R, G, B), diffused by the WGSL heat operator in the worker with
// a uniform k, with the learned k of the chosen vHeat block, or (HcNet) by the block's explicit steps beside
// the spectral solution. The worker sends a stack of frames at log-spaced t; the page animates it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { stageScale } from '../../engine/analysis/stageScale';
import { isHeatConfig } from '../../engine/models/heatFamily';
import { FULL_RES_DEFAULTS, FULL_RES_SIDES, parseFullResHash, writeFullResHash, type FullResUrlState } from '../fullResUrl';
import { useApp } from '../store';
import type { BackendInfo, FullResMode, FullResRequest, FullResResult } from '../worker/protocol';
import { ErrorMessage } from './ErrorMessage';
import { FullResExport } from './FullResExport';
import { FrameCanvas, LogAxis, RgbColourBar } from './FullResolutionParts';
import { ProgressBar } from './ProgressBar';
import { useFullResolutionFrames, type FullResFrames } from './useFullResolutionFrames';
import './fullResolutionHeat.css';

/** t = 0 and 25 log-spaced times, 6 per decade from 0.01 to 100. */
const FRAMES = 26;
/** HcNet: the last frame's explicit step count (each step is a few GPU dispatches: 300 took minutes on a loaded SwiftShader). */
const MAX_STEPS = 100;
/**
 * Default long-side cap where no hardware GPU runs the engine (a software adapter such as SwiftShader, or the CPU
 * path): with the fast DCT one frame costs ~83 ms at 256 px on SwiftShader (a 26-frame stack ~2 s) and ~1.2 s at
 * 1024 px (BENCHMARKS.md, fullres-heat run 2). The user may raise it.
 */
const NO_GPU_DEFAULT_SIDE = 256;

/** The engine runs on a hardware GPU: WebGPU on an adapter that is not a software one. */
const onHardwareGpu = (b: BackendInfo | null) => b !== null && b.backend === 'webgpu' && !b.softwareAdapter;
const PLAYBACK_FPS = [6, 12, 30, 60];

/** k slider: position 0..100 maps to k = 10^(-1 + 4 p / 100), 0.1 to 1000. */
const kFromSlider = (p: number) => 10 ** (-1 + (4 * p) / 100);
const sliderFromK = (k: number) => Math.round(((Math.log10(k) + 1) * 100) / 4);
export const formatK = (k: number) => String(Number(k.toPrecision(2)));
export const formatTime = (t: number) => (t === 0 ? '0' : t < 0.1 ? t.toPrecision(2) : String(Number(t.toPrecision(3))));

export function frameLabel(r: FullResResult, i: number): string {
  const t = r.times[Math.min(i, r.times.length - 1)];
  return r.mode.kind === 'hcnet' ? `step n = ${t} (spectral: t = ${t} steps)` : `t = ${formatTime(t)}`;
}

function useSettings(): [FullResUrlState, (patch: Partial<FullResUrlState>) => void] {
  const [s, set] = useState<FullResUrlState>(() => (typeof window === 'undefined' ? FULL_RES_DEFAULTS : parseFullResHash(window.location.hash)));
  useEffect(() => writeFullResHash(s), [s]);
  return [s, (patch) => set((old) => ({ ...old, ...patch }))];
}

/** True once the element has been on screen (the stack is only computed for a view someone can see). */
function useSeen(ref: React.RefObject<HTMLElement | null>, mounted: boolean): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true));
    io.observe(el);
    return () => io.disconnect();
  }, [ref, seen, mounted]);
  return seen;
}

function useRequest(settings: FullResUrlState): Omit<FullResRequest, 'ticket'> | null {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const diffusivity = useApp((s) => s.diffusivity);
  const hardware = useApp((s) => onHardwareGpu(s.backend));
  return useMemo(() => {
    if (!image) return null;
    let mode: FullResMode = { kind: 'uniform', k: settings.k };
    if (settings.mode === 'block' && model) {
      mode = model.config.family === 'vheat'
        ? { kind: 'learned', stage, block, channel: null }
        : { kind: 'hcnet', stage, block, alphaScale: stageScale(stage, diffusivity) };
    }
    const maxSide = settings.maxSide ?? (hardware ? 1024 : NO_GPU_DEFAULT_SIDE);
    return { mode, maxSide, frames: FRAMES, maxSteps: MAX_STEPS };
  }, [image, model, stage, block, diffusivity, hardware, settings.mode, settings.k, settings.maxSide]);
}

export function FullResolutionHeat() {
  const image = useApp((s) => s.image);
  const model = useApp((s) => s.model);
  const hardware = useApp((s) => onHardwareGpu(s.backend));
  const [settings, update] = useSettings();
  const ref = useRef<HTMLElement>(null);
  const seen = useSeen(ref, image !== null);
  const request = useRequest(settings);
  const key = seen && request && image ? `${image.id}|${model?.id ?? ''}|${JSON.stringify(request)}` : '';
  const { frames, busy, error } = useFullResolutionFrames(seen ? request : null, key);
  const [playing, setPlaying] = useState(false);
  const [fps, setFps] = useState(12);
  const count = frames?.result.times.length ?? FRAMES;
  const index = Math.min(settings.frame, count - 1);
  usePlayback(playing, fps, count, index, (i) => update({ frame: i }));
  if (!image) return null;
  const maxSide = request?.maxSide ?? 1024;
  return (
    <section ref={ref} className="panel fullres" aria-labelledby="fullres-title" data-testid="fullres" aria-busy={busy !== null}>
      <h2 id="fullres-title">Heat on your image, at full resolution</h2>
      <p className="hint">
        Your image itself (not the model's {image.inputSize} px input) is the starting temperature, at its own resolution up to the long-side cap (at most 1024 px;
        {hardware ? ' larger images are averaged down' : ` ${NO_GPU_DEFAULT_SIDE} px by default here, with no hardware GPU, where larger frames cost a second or more`}).
      </p>
      <FullResControls settings={settings} update={update} busy={busy !== null} family={model && isHeatConfig(model.config) ? model.config.family : null} maxSide={maxSide} fps={fps} setFps={setFps} />
      <ProgressBar busy={busy} testId="fullres-progress" />
      <ErrorMessage message={error} testId="fullres-error" />
      {frames ? (
        <FullResFigures frames={frames} index={index} smooth={settings.smooth} busy={busy !== null} />
      ) : (
        <div className="fr-figure recomputing">
          <div className="fr-placeholder" />
          {busy && <div className="fr-spinner" data-testid="fullres-busy" />}
        </div>
      )}
      {frames && (
        <>
          <FullResTime result={frames.result} index={index} playing={playing} setPlaying={setPlaying} onIndex={(i) => update({ frame: i })} />
          <RgbColourBar />
          <FullResCaption result={frames.result} index={index} maxSide={maxSide} />
          <FullResExport frames={frames} index={index} smooth={settings.smooth} modelId={model?.id ?? 'no-model'} maxSide={maxSide} />
        </>
      )}
    </section>
  );
}

/** While playing, shows the next frame every 1/fps s (looping), starting from the frame on screen. */
function usePlayback(playing: boolean, fps: number, count: number, index: number, show: (i: number) => void): void {
  const frame = useRef(index);
  const showRef = useRef(show);
  showRef.current = show;
  const indexRef = useRef(index);
  indexRef.current = index;
  useEffect(() => {
    if (!playing) return;
    frame.current = indexRef.current;
    let raf = 0;
    let last = performance.now();
    const tick = (now: number) => {
      if (now - last >= 1000 / fps - 1) {
        last = now;
        frame.current = (frame.current + 1) % count;
        showRef.current(frame.current);
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, fps, count]);
}

function FullResControls({ settings, update, busy, family, maxSide, fps, setFps }: {
  settings: FullResUrlState;
  update: (p: Partial<FullResUrlState>) => void;
  busy: boolean;
  family: 'vheat' | 'hcnet' | null;
  maxSide: number;
  fps: number;
  setFps: (f: number) => void;
}) {
  const note = busy ? <span className="fr-busy-note" data-testid="fullres-recomputing"> recomputing…</span> : null;
  const blockLabel = family === 'hcnet' ? "HcNet block's explicit steps vs the spectral solution" : "learned k of the chosen vHeat block";
  return (
    <div className="fr-controls">
      <fieldset>
        <legend>Diffusivity {settings.mode === 'uniform' ? null : note}</legend>
        <label>
          <input type="radio" name="fullres-mode" checked={settings.mode === 'uniform'} onChange={() => update({ mode: 'uniform' })} /> Uniform k (plain heat equation)
        </label>
        <label>
          <input type="radio" name="fullres-mode" checked={settings.mode === 'block'} disabled={family === null} onChange={() => update({ mode: 'block' })} /> {blockLabel}
        </label>
      </fieldset>
      {settings.mode === 'uniform' && (
        <label className="fr-k">
          k
          <input
            type="range" min={0} max={100} value={sliderFromK(settings.k)} aria-label="Uniform diffusivity k (log scale)"
            aria-valuetext={`k = ${formatK(settings.k)}`} data-testid="fullres-k"
            onChange={(e) => update({ k: kFromSlider(Number(e.currentTarget.value)) })}
          />
          <output>{formatK(settings.k)}</output>
          {note}
        </label>
      )}
      <label>
        Long side{' '}
        <select value={maxSide} onChange={(e) => update({ maxSide: Number(e.currentTarget.value) })} data-testid="fullres-side">
          {FULL_RES_SIDES.map((s) => <option key={s} value={s}>≤ {s} px</option>)}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={settings.smooth} onChange={(e) => update({ smooth: e.currentTarget.checked })} data-testid="fullres-smooth" /> Smooth rendering (off: nearest pixels)
      </label>
      <label>
        Speed{' '}
        <select value={fps} onChange={(e) => setFps(Number(e.currentTarget.value))} aria-label="Playback speed, frames per second">
          {PLAYBACK_FPS.map((f) => <option key={f} value={f}>{f} frames/s</option>)}
        </select>
      </label>
    </div>
  );
}

function FullResFigures({ frames, index, smooth, busy }: { frames: FullResFrames; index: number; smooth: boolean; busy: boolean }) {
  const r = frames.result;
  const label = frameLabel(r, index);
  const panels = frames.explicit
    ? [
        { title: 'HcNet explicit steps', bitmaps: frames.explicit, testId: 'fullres-explicit' },
        { title: 'Spectral solution (heat operator)', bitmaps: frames.spectral, testId: 'fullres-canvas' },
      ]
    : [{ title: r.mode.kind === 'learned' ? 'Diffused with the learned k' : 'Diffused with uniform k', bitmaps: frames.spectral, testId: 'fullres-canvas' }];
  return (
    <div className={frames.explicit ? 'fr-figures pair' : 'fr-figures'}>
      {panels.map((p) => (
        <figure key={p.testId} className={busy ? 'fr-figure recomputing' : 'fr-figure'}>
          <h3>{p.title}</h3>
          <FrameCanvas
            frames={p.bitmaps} index={index} width={r.width} height={r.height} smooth={smooth} testId={p.testId}
            label={`${p.title}: ${r.imageName} at ${r.width} × ${r.height} px, ${label}`}
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
  const label = frameLabel(result, index);
  const hcnet = result.mode.kind === 'hcnet';
  return (
    <div className="fr-time">
      <div className="row">
        <button type="button" aria-pressed={playing} onClick={() => setPlaying(!playing)} data-testid="fullres-play">
          {playing ? 'Pause' : 'Play'}
        </button>
        <span className="fr-now" data-testid="fullres-t" aria-live="off">{label}</span>
      </div>
      <input
        type="range" min={0} max={result.times.length - 1} value={index} aria-label={hcnet ? 'Explicit steps (log scale)' : 'Time t (log scale)'}
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

/** One or two plain sentences per mode: what the picture shows and how to read it. */
export function captionLines(r: FullResResult, index: number, maxSide: number): string[] {
  const t = r.times[Math.min(index, r.times.length - 1)];
  const size = `${r.imageName}: ${r.sourceWidth} × ${r.sourceHeight} px, diffused at ${r.width} × ${r.height} (long side capped at ${maxSide} px).`;
  if (r.mode.kind === 'uniform') {
    const spread = Math.sqrt(2 * r.mode.k * t);
    return [
      `Each colour plane of the image is a temperature map left to conduct heat (du/dt = k ∇²u, insulated borders), solved exactly with the DCT heat operator.`,
      `Brightness is only moved, never lost: by time t a sharp detail is spread over about √(2kt) = ${spread.toPrecision(2)} px (k = ${formatK(r.mode.k)}).`,
      size,
    ];
  }
  if (r.mode.kind === 'learned' && r.learned) {
    const l = r.learned;
    return [
      `Each spatial frequency (n, m) spreads with its own k: the one block ${r.mode.stage + 1}.${r.mode.block + 1} learned (mean of ${l.channels} channels, ${l.min.toPrecision(2)} to ${l.max.toPrecision(2)}).`,
      `It is fitted to this image's grid as the official code does for other sizes: the trained ${l.trainedSide} × ${l.trainedSide} corner, ReLU(to_k bias) beyond it. t = 1 applies the learned k once, as the block does (here on the image's grid).`,
      size,
    ];
  }
  const h = r.hcnet!;
  return [
    `Left: HcNet's step (each pixel moves α = ${h.alpha.toPrecision(2)} of the way to its 8 neighbours' mean) repeated n times. Right: the heat equation it approximates, solved exactly (k = 3α/8 = ${h.k.toPrecision(2)} per step).`,
    `The step is stable only for α ≤ α_max = ${h.alphaMax.toPrecision(3)} (computed on a ${h.proxyWidth} × ${h.proxyHeight} map of this shape); above it the finest checkerboard grows every step.`,
    size,
  ];
}

function FullResCaption({ result, index, maxSide }: { result: FullResResult; index: number; maxSide: number }) {
  const lines = captionLines(result, index, maxSide);
  const h = result.hcnet;
  return (
    <div className="fr-caption" data-testid="fullres-caption">
      {lines.map((l) => <p key={l.slice(0, 40)}>{l}</p>)}
      {h && (
        <p className={h.alpha > h.alphaMax ? 'fr-stability unstable' : 'fr-stability'} data-testid="fullres-stability">
          <b>Stability:</b> α = {h.alpha.toPrecision(3)} {h.alpha > h.alphaMax ? '>' : '≤'} α_max = {h.alphaMax.toPrecision(3)}: {h.alpha > h.alphaMax ? 'unstable, the steps blow up' : 'stable'} (block α {h.blockAlpha.toPrecision(3)} × the stage's diffusivity multiplier).
        </p>
      )}
    </div>
  );
}
