// What the per-layer heat figure says and how it colours a frame, for the page and for its exports alike.
import type { ChannelMode, HeatFramesResult } from '../../worker/protocol';
import type { ColourScale } from '../../ui/ColourBar';
import { fromDisplay } from '../../ui/render/displayRange';

export function modeLabel(mode: ChannelMode): string {
  if (mode.kind === 'conducting') return 'heat of the conducting channels, a.u.';
  if (mode.kind === 'energy') return 'heat energy √(mean over channels of u²), arbitrary units';
  if (mode.kind === 'channel') return `u in channel ${mode.channel}, arbitrary units`;
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
  return hcnet ? `${t} explicit step${t === 1 ? '' : 's'}` : `t = ${t}`;
}

/** Title, bold lead and explanation of the figure at time (or step count) t. */
export function heatFigureText(c: HeatFigureContext, t: number): { title: string; lead: string; text: string } {
  const tText = timeText(c.hcnet, t);
  const where = `stage ${c.stage + 1}, block ${c.block + 1}`;
  const lead = c.hcnet ? `Heat after ${tText} of this block's HcNet update.` : `Heat at ${tText}.`;
  const how = `${c.modelTitle}, ${where}. ` + (c.hcnet
    ? 'Each explicit step moves a share alpha of the difference to the 4 neighbouring cells: 1 step is what the block computes, more steps carry on. Bright = much feature energy.'
    : `The block treats its features as a temperature and lets it diffuse. t = 0 is the block's input, t = 1 exactly what the block computes (s = ${c.scale?.toPrecision(3) ?? '…'}), larger t carries on: detail blurs out and each channel tends to its mean. Bright = much feature energy. By default only the channels that conduct (k > 0 somewhere) are counted: the others never change and would hide the spreading.`);
  const scaling = c.perFrame ? 'Each frame has its own colour scale.' : 'One colour scale for all times.';
  return { title: `${c.modelTitle}: stage ${c.stage + 1} block ${c.block + 1}, ${tText}`, lead, text: `${how} ${scaling}` };
}
