// What the per-layer heat figure says and how it colours a frame, for the page and for its exports alike.
import type { ChannelMode, HeatFramesResult } from '../../worker/protocol';
import type { ColourScale } from '../../ui/ColourBar';
import { fromDisplay } from '../../ui/render/displayRange';
import { tFor } from '../../i18n/i18n';
import { formatSignificant } from './formatDigits';

export function modeLabel(mode: ChannelMode): string {
  const t = tFor('heat');
  if (mode.kind === 'conducting') return t('figure.mode.conducting');
  if (mode.kind === 'energy') return t('figure.mode.energy');
  if (mode.kind === 'channel') return t('figure.mode.channel', { channel: mode.channel });
  return '';
}

/** The colour scale of frame f: shared over all frames, or that frame's own min..max. */
export function frameScale(frames: HeatFramesResult, f: number, perFrame: boolean, mode: ChannelMode): { scale?: ColourScale; window?: [number, number] } {
  const m = frames.maps;
  if (m.channels !== 1 || !m.range) return {};
  const [lo, hi] = m.range;
  const w = perFrame ? m.frameRanges?.[f] : undefined;
  return { scale: { colormap: 'inferno', lo: w ? fromDisplay(w[0], m.range) : lo, hi: w ? fromDisplay(w[1], m.range) : hi, label: modeLabel(frames.family === 'hcnet' && mode.kind === 'conducting' ? { kind: 'energy' } : mode) }, window: w };
}

export interface HeatFigureContext {
  hcnet: boolean;
  modelTitle: string;
  stage: number;
  block: number;
  /** vHeat: s = global * perStage[stage] used at t = 1. */
  scale?: number;
  perFrame: boolean;
}

/** "t = 0.1" for vHeat, "3 explicit steps" for HcNet. */
export function timeText(hcnet: boolean, t: number): string {
  const tr = tFor('heat');
  return hcnet ? tr('figure.steps', { count: t }) : `t = ${t}`;
}

/** Title, bold lead and explanation of the figure at time (or step count) t. */
export function heatFigureText(c: HeatFigureContext, t: number): { title: string; lead: string; text: string } {
  const tr = tFor('heat');
  const time = timeText(c.hcnet, t);
  const at = { model: c.modelTitle, stage: c.stage + 1, block: c.block + 1 };
  const lead = c.hcnet ? tr('figure.leadHcnet', { time }) : tr('figure.lead', { time });
  const how = c.hcnet ? tr('figure.howHcnet') : tr('figure.howVheat', { s: c.scale === undefined ? '…' : formatSignificant(c.scale) });
  const scaling = c.perFrame ? tr('figure.perFrame') : tr('figure.shared');
  return { title: tr('figure.title', { ...at, time }), lead, text: tr('figure.text', { ...at, how, scaling }) };
}
