// The shareable state in the URL, one codec for all of it. The query holds the model, the image choice, the
// diffusivity scales (global `dscale`, per stage `dscales`), stage/block and what defines the views (channel mode,
// heat time, colour scaling, ERF point, rendering, overlay opacity); the hash holds the full-resolution view's
// settings (#fr=mode=...;k=...;t=...;smooth=...;side=...; there k is the uniform diffusivity itself).
// Old links still open: `k` and `ks` (the scales' names before) are read when `dscale`/`dscales` are absent.
import { DEFAULT_CHANNEL_MODE, type ChannelMode } from '../worker/protocol';
import { indexOfShown, shownNumber } from '../../engine/numbering';
import { parseLanguage, type Language } from '../i18n/language';

/** The full-resolution view: uniform k or the chosen block, the uniform k, the frame shown, rendering, long-side cap. */
export interface FullResSettings {
  mode: 'uniform' | 'block';
  k: number;
  frame: number;
  smooth: boolean;
  maxSide: number | null;
}

/** Frame 10 is t = 0.32: with k = 10 a detail spreads over about 2.5 px, a clear blur on the 28 px samples (larger t flattens them). */
export const FULL_RES_DEFAULTS: FullResSettings = { mode: 'uniform', k: 10, frame: 10, smooth: false, maxSide: null };
export const FULL_RES_SIDES = [128, 256, 512, 1024];

export interface UrlState {
  model?: string;
  image?: string;
  /** The global diffusivity scale. */
  global?: number;
  /** The per-stage diffusivity scales. */
  perStage?: number[];
  stage?: number;
  block?: number;
  channelMode?: ChannelMode;
  heatTime?: number;
  frameScaling?: 'shared' | 'per-frame';
  probe?: { row: number; col: number };
  smooth?: boolean;
  overlayOpacity?: number;
  /** Developer entries (random-weight models) are offered only with ?dev. */
  dev?: boolean;
  /** ?backend=webgpu: WebGPU whenever there is an adapter, even where the CPU path is faster. */
  forceWebgpu?: boolean;
  /** ?lang=zh-CN / ?lang=en: the page's language, kept when the reader chose it or arrived with it. */
  lang?: Language;
}

/** A stage or block in the URL: numbered from 1 as the page shows it (src/engine/numbering.ts), stored from 0. */
function shownIndex(v: string | null): number | undefined {
  const n = num(v);
  return n === undefined ? undefined : indexOfShown(n);
}

function num(v: string | null): number | undefined {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function parseChannelMode(v: string | null): ChannelMode | undefined {
  if (v === 'energy') return { kind: 'energy' };
  if (v === 'conducting') return { kind: 'conducting' };
  if (v === 'pca') return { kind: 'pca' };
  const m = v?.match(/^c(\d{1,5})$/);
  return m ? { kind: 'channel', channel: Number(m[1]) } : undefined;
}

function parseProbe(v: string | null): { row: number; col: number } | undefined {
  const m = v?.match(/^(\d{1,5}),(\d{1,5})$/);
  return m ? { row: Number(m[1]), col: Number(m[2]) } : undefined;
}

export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const perStage = (q.get('dscales') ?? q.get('ks'))?.split(',').map((s) => num(s));
  const opacity = num(q.get('opacity'));
  return {
    model: q.get('model') ?? undefined,
    image: q.get('image') ?? undefined,
    global: num(q.get('dscale') ?? q.get('k')),
    perStage: perStage && perStage.every((v) => v !== undefined) ? (perStage as number[]) : undefined,
    stage: shownIndex(q.get('stage')),
    block: shownIndex(q.get('block')),
    channelMode: parseChannelMode(q.get('ch')),
    heatTime: num(q.get('t')),
    frameScaling: q.get('scale') === 'frame' ? 'per-frame' : undefined,
    probe: parseProbe(q.get('p')),
    smooth: q.get('render') === 'smooth' ? true : undefined,
    overlayOpacity: opacity !== undefined && opacity <= 1 ? opacity : undefined,
    dev: q.has('dev') ? true : undefined,
    forceWebgpu: q.get('backend') === 'webgpu' ? true : undefined,
    lang: parseLanguage(q.get('lang')),
  };
}

const short = (v: number) => String(Number(v.toPrecision(4)));

function channelModeText(m: ChannelMode): string {
  return m.kind === 'channel' ? `c${m.channel}` : m.kind;
}

export function formatUrlState(s: UrlState): string {
  const q = new URLSearchParams();
  if (s.model) q.set('model', s.model);
  if (s.image) q.set('image', s.image);
  if (s.global !== undefined && s.global !== 1) q.set('dscale', short(s.global));
  if (s.perStage && s.perStage.some((v) => v !== 1)) q.set('dscales', s.perStage.map(short).join(','));
  if (s.stage) q.set('stage', String(shownNumber(s.stage)));
  if (s.block) q.set('block', String(shownNumber(s.block)));
  if (s.channelMode && s.channelMode.kind !== DEFAULT_CHANNEL_MODE.kind) q.set('ch', channelModeText(s.channelMode));
  if (s.heatTime) q.set('t', short(s.heatTime));
  if (s.frameScaling === 'per-frame') q.set('scale', 'frame');
  if (s.probe) q.set('p', `${s.probe.row},${s.probe.col}`);
  if (s.smooth) q.set('render', 'smooth');
  if (s.overlayOpacity !== undefined && s.overlayOpacity !== 0.6) q.set('opacity', short(s.overlayOpacity));
  if (s.lang) q.set('lang', s.lang);
  if (s.forceWebgpu) q.set('backend', 'webgpu');
  if (s.dev) q.set('dev', '');
  const str = q.toString().replace(/dev=(&|$)/, 'dev$1');
  return str ? `?${str}` : '';
}

export function parseFullResHash(hash: string): FullResSettings {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const fr = q.get('fr');
  if (!fr) return FULL_RES_DEFAULTS;
  const p = new URLSearchParams(fr.replaceAll(';', '&'));
  const k = Number(p.get('k'));
  const frame = Number(p.get('t'));
  const side = Number(p.get('side'));
  return {
    mode: p.get('mode') === 'block' ? 'block' : 'uniform',
    k: Number.isFinite(k) && k > 0 ? k : FULL_RES_DEFAULTS.k,
    frame: Number.isInteger(frame) && frame >= 0 ? frame : FULL_RES_DEFAULTS.frame,
    smooth: p.get('smooth') === '1',
    maxSide: FULL_RES_SIDES.includes(side) ? side : null,
  };
}

export function formatFullResHash(s: FullResSettings): string {
  const parts = [`mode=${s.mode}`, `k=${Number(s.k.toPrecision(3))}`, `t=${s.frame}`, `smooth=${s.smooth ? 1 : 0}`];
  if (s.maxSide !== null) parts.push(`side=${s.maxSide}`);
  return `#fr=${parts.join(';')}`;
}
