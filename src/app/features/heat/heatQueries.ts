// The heat panel's engine queries: the frames of the chosen block over time (with HcNet's stability bound), the
// learned spectrum, and the response to a point of heat. Each is a function of the store.
import { engine } from '../../engine';
import { defineQuery } from '../../query/query';
import type { AppState } from '../../store';
import type { ChannelMode, HeatFramesResult } from '../../worker/protocol';
import { HCNET_STEPS, VHEAT_TIMES } from './heatTimes';

const channelOf = (mode: ChannelMode) => (mode.kind === 'channel' ? mode.channel : null);

export const heatTimes = (s: AppState) => (s.model?.config.family === 'hcnet' ? HCNET_STEPS : VHEAT_TIMES);

export const heatFramesQuery = defineQuery({
  name: 'the heat frames',
  request: (s) => (s.model && s.image ? { stage: s.stage, block: s.block, diffusivity: s.diffusivity, mode: s.channelMode, times: heatTimes(s) } : null),
  key: (r, s) => [s.model, s.image, r.stage, r.block, r.diffusivity, r.mode, r.times],
  run: (r) => engine().coalesce('heat', 'heatFrames', r),
});

/** Each block of the chosen stage as a thumbnail (its output energy), for the stage and block picker. */
export const blockThumbsQuery = defineQuery({
  name: 'the block thumbnails',
  request: (s) => (s.model && s.image ? { stage: s.stage, diffusivity: s.diffusivity } : null),
  key: (r, s) => [s.model, s.image, r.stage, r.diffusivity],
  run: (r) => engine().coalesce('thumbs', 'blockThumbs', r),
});

export const spectrumQuery = defineQuery({
  name: 'the spectrum',
  request: (s) => (s.model && s.image ? { stage: s.stage, block: s.block, channel: channelOf(s.channelMode) } : null),
  key: (r, s) => [s.model, s.image, r.stage, r.block, r.channel],
  run: (r) => engine().coalesce('spectrum', 'spectrum', r),
});

export const channelConductionQuery = defineQuery({
  name: 'the channel strip',
  request: (s) => (s.model && s.image ? { stage: s.stage, block: s.block, diffusivity: s.diffusivity } : null),
  // vHeat's k does not depend on the image or the sliders; HcNet's alpha does.
  key: (r, s) => (s.model?.config.family === 'vheat' ? [s.model, r.stage, r.block] : [s.model, s.image, r.stage, r.block, r.diffusivity]),
  run: (r) => engine().coalesce('conduction', 'channelConduction', r),
});

const vheat = (s: AppState) => s.model?.config.family === 'vheat' && (s.model.stageSides[s.stage] ?? 0) >= 3;

/** vHeat's operator as pictures at the heat view's t (one t shared with the animation). */
export const operatorStepsQuery = defineQuery({
  name: 'the operator pictures',
  request: (s) => (s.model && s.image && vheat(s) ? { stage: s.stage, block: s.block, diffusivity: s.diffusivity, channel: channelOf(s.channelMode), t: s.heatTime } : null),
  key: (r, s) => [s.model, s.image, r.stage, r.block, r.diffusivity, r.channel, r.t],
  run: (r) => engine().coalesce('operator', 'operatorSteps', r),
});

/** The hovered frequency's cosine pattern and its decay over the heat view's times. */
export const frequencyDecayQuery = defineQuery({
  name: 'the frequency decay',
  request: (s) => {
    const f = s.operatorFrequency;
    const side = s.model?.stageSides[s.stage] ?? 0;
    if (!s.model || !s.image || !vheat(s) || !f || f.n >= side || f.m >= side) return null;
    return { stage: s.stage, block: s.block, diffusivity: s.diffusivity, channel: channelOf(s.channelMode), n: f.n, m: f.m, times: heatTimes(s) };
  },
  key: (r, s) => [s.model, s.image, r.stage, r.block, r.diffusivity, r.channel, r.n, r.m, r.times],
  run: (r) => engine().coalesce('decay', 'frequencyDecay', r),
});

/** The cell the point of heat sits on: the one placed, while it is inside the stage's map, else the centre. */
export function heatPointOf(s: AppState): { row: number; col: number } {
  const side = s.model?.stageSides[s.stage] ?? 0;
  const p = s.heatPoint;
  return p && p.row < side && p.col < side ? p : { row: Math.floor(side / 2), col: Math.floor(side / 2) };
}

export const pointResponseQuery = defineQuery({
  name: 'the point response',
  request: (s) => {
    if (!s.model || !s.image) return null;
    const { row, col } = heatPointOf(s);
    // vHeat: at the heat view's t (one t shared; t = 0 would be a single dot, so the block's own t = 1 stands in).
    const t = s.model.config.family === 'vheat' && s.heatTime > 0 ? s.heatTime : 1;
    return { stage: s.stage, block: s.block, diffusivity: s.diffusivity, row, col, channel: channelOf(s.channelMode), conducting: s.channelMode.kind === 'conducting', t };
  },
  key: (r, s) => [s.model, s.image, r.stage, r.block, r.diffusivity, r.row, r.col, r.channel, r.conducting, r.t],
  run: (r) => engine().coalesce('point', 'pointResponse', r),
});

export interface StabilityMarker {
  /** The global diffusivity scale above which the chosen block's explicit step turns unstable. */
  criticalGlobal: number;
  alphaMax: number;
  unstable: boolean;
  unstableChannels: number;
}

/** HcNet's stability bound, derived from the heat frames' answer (null for vHeat or before the first answer). */
export function stabilityMarker(frames: HeatFramesResult | null, global: number): StabilityMarker | null {
  const st = frames?.stability;
  if (!st) return null;
  return { criticalGlobal: global * st.firstUnstableScale, alphaMax: st.alphaMax, unstable: st.unstableChannels > 0, unstableChannels: st.unstableChannels };
}
