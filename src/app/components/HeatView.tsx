// Heat diffusion in the chosen block: u(t) = IDCT(DCT(phi) exp(-k w^2 t)) from t = 0 to T_MAX with the
// model's own operator (vHeat), or HcNet's repeated explicit steps; play/pause/scrub/loop; channel mode;
// the learned k over (n, m); the response to a point of heat at a clicked position.
import { useEffect, useRef, useState } from 'react';
import { engine } from '../engine';
import { errorText } from '../actions';
import { MapCanvas } from '../render/MapCanvas';
import { setApp, useApp } from '../store';
import type { ChannelMode, HeatFramesResult, PointResponseResult, SpectrumResult } from '../worker/protocol';
import { ErrorMessage } from './ErrorMessage';
import { RgbaCanvas } from './RgbaCanvas';
import { StageBlockPicker } from './StageBlockPicker';

/** vHeat: t from 0 to 4 (t = 1 is the block's own operator) in steps of 0.1. */
export const VHEAT_TIMES = Array.from({ length: 41 }, (_, i) => Number((i * 0.1).toFixed(1)));
/** HcNet: 0 to 24 explicit steps (1 is the block's own step). */
export const HCNET_STEPS = Array.from({ length: 25 }, (_, i) => i);
const FRAME_MS = 80;

export function HeatView() {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const diffusivity = useApp((s) => s.diffusivity);
  const mode = useApp((s) => s.channelMode);
  const [frames, setFrames] = useState<HeatFramesResult | null>(null);
  const [spectrum, setSpectrum] = useState<SpectrumResult | null>(null);
  const [response, setResponse] = useState<PointResponseResult | null>(null);
  const [point, setPoint] = useState<{ row: number; col: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [loop, setLoop] = useState(true);
  const family = model?.config.family;
  const times = family === 'hcnet' ? HCNET_STEPS : VHEAT_TIMES;
  const channels = model?.config.dims[stage] ?? 1;
  const channel = mode.kind === 'channel' ? mode.channel : null;

  useEffect(() => {
    if (!model || !image) return;
    let live = true;
    engine()
      .coalesce('heat', 'heatFrames', { stage, block, diffusivity, mode, times })
      .then((f) => {
        if (!live || !f) return;
        setFrames(f);
        setError(null);
        const st = f.stability;
        setApp({
          stability: st
            ? { criticalGlobal: diffusivity.global * st.firstUnstableScale, alphaMax: st.alphaMax, unstable: st.unstableChannels > 0, unstableChannels: st.unstableChannels }
            : null,
        });
      })
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [model, image, stage, block, diffusivity, mode, times]);

  useEffect(() => {
    if (!model || !image) return;
    let live = true;
    engine()
      .coalesce('spectrum', 'spectrum', { stage, block, channel })
      .then((s) => live && s && setSpectrum(s))
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [model, image, stage, block, channel]);

  useEffect(() => {
    if (!model || !image || !point) return;
    let live = true;
    engine()
      .coalesce('point', 'pointResponse', { stage, block, diffusivity, row: point.row, col: point.col, channel })
      .then((r) => live && r && setResponse(r))
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [model, image, stage, block, diffusivity, point, channel]);

  // Playback: advance one frame every FRAME_MS while playing.
  const last = useRef(0);
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    const tick = (now: number) => {
      if (now - last.current >= FRAME_MS) {
        last.current = now;
        setIndex((i) => {
          if (i + 1 < times.length) return i + 1;
          if (loop) return 0;
          setPlaying(false);
          return i;
        });
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, loop, times.length]);

  if (!model || !image) return null;
  const i = Math.min(index, times.length - 1);
  const t = times[i];
  const side = model.stageSides[stage];
  const setMode = (m: ChannelMode) => setApp({ channelMode: m });

  return (
    <section className="panel heat" aria-labelledby="heat-title">
      <h2 id="heat-title">Heat diffusion, per layer</h2>
      <StageBlockPicker />
      <ErrorMessage message={error} />
      <div className="heat-grid">
        <figure>
          <div className="overlay-stack">
            <RgbaCanvas data={image.modelInput} size={image.inputSize} label="Model input under the heat map" className="pixelated base" />
            {frames && (
              <MapCanvas
                map={frames.maps}
                frame={i}
                alpha={150}
                className="pixelated overlay"
                label={`Heat map at ${family === 'hcnet' ? `step ${t}` : `t = ${t}`}; click to place a point of heat`}
                testId="heat-frame"
                onPick={(row, col) => setPoint({ row, col })}
              />
            )}
          </div>
          <figcaption data-testid="heat-time">
            {family === 'hcnet' ? (
              <>
                {t} explicit step{t === 1 ? '' : 's'} (1 = this block)
              </>
            ) : (
              <>
                t = {t.toFixed(1)} (t = 1: this block's operator, s = {frames?.scale?.toPrecision(3) ?? '…'})
              </>
            )}
          </figcaption>
        </figure>
        <div className="controls">
          <div className="row">
            <button type="button" onClick={() => setPlaying((p) => !p)} aria-pressed={playing} data-testid="heat-play">
              {playing ? 'Pause' : 'Play'}
            </button>
            <label>
              <input type="checkbox" checked={loop} onChange={(e) => setLoop(e.currentTarget.checked)} /> Loop
            </label>
          </div>
          <label className="scrub">
            {family === 'hcnet' ? 'Steps' : 'Time t'}
            <input
              type="range"
              min={0}
              max={times.length - 1}
              value={i}
              onChange={(e) => {
                setPlaying(false);
                setIndex(Number(e.currentTarget.value));
              }}
              aria-valuetext={family === 'hcnet' ? `${t} steps` : `t = ${t}`}
              data-testid="heat-scrub"
            />
          </label>
          <fieldset>
            <legend>Channels shown</legend>
            <label>
              <input type="radio" name="channel-mode" checked={mode.kind === 'energy'} onChange={() => setMode({ kind: 'energy' })} /> Energy over channels
            </label>
            <label>
              <input type="radio" name="channel-mode" checked={mode.kind === 'pca'} onChange={() => setMode({ kind: 'pca' })} /> Top 3 principal components as RGB
            </label>
            <label>
              <input type="radio" name="channel-mode" checked={mode.kind === 'channel'} onChange={() => setMode({ kind: 'channel', channel: 0 })} /> One channel:
            </label>
            <input
              type="number"
              min={0}
              max={channels - 1}
              value={mode.kind === 'channel' ? mode.channel : 0}
              disabled={mode.kind !== 'channel'}
              aria-label="Channel index"
              onChange={(e) => setMode({ kind: 'channel', channel: Math.min(channels - 1, Math.max(0, Number(e.currentTarget.value) || 0)) })}
            />
          </fieldset>
        </div>
      </div>
      <div className="heat-grid">
        {spectrum && (
          <figure>
            <MapCanvas map={spectrum.map} label={`Learned ${spectrum.quantity} over frequencies`} className={`pixelated ${spectrum.quantity === 'alpha' ? 'strip' : 'square'}`} testId="spectrum" />
            <figcaption>
              {spectrum.quantity === 'k' && <>learned diffusivity k over frequencies (n down, m across), </>}
              {spectrum.quantity === 'alpha' && <>alpha per channel (HcNet has no spectrum: one local step), </>}
              {channel === null ? 'mean over channels' : `channel ${channel}`}; range {spectrum.min.toPrecision(3)} to {spectrum.max.toPrecision(3)}
            </figcaption>
          </figure>
        )}
        <figure>
          {response ? (
            <MapCanvas map={response.map} label="Response of the operator to a point of heat" className="pixelated square" testId="point-response" />
          ) : (
            <div className="square placeholder" />
          )}
          <figcaption>
            {response
              ? `equivalent spatial kernel: response to a point of heat at (${response.row}, ${response.col}) of the ${side}×${side} map (blue < 0 < red)`
              : 'click the heat map to place a point of heat'}
          </figcaption>
        </figure>
      </div>
    </section>
  );
}
