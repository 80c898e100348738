// The heat views of one block: the stage's block thumbnails, the block's heat frames, its diffusivity spectrum and its
// point response. Everything that needs activations takes them from the forward cache (state.ts cachedBlock).
import { requireHeatConfig } from '../../../engine/models/heatFamily';
import * as tf from '@tensorflow/tfjs';
import {
  blockRate, blockSpatialKernel, channelConduction, conductingChannels, pointResponse as pointResponseOf, diffusivitySpectrum, frequencyDecay, operatorSteps, visibleChangeFraction, explicitHeatSteps, hcnetStepFramesFromCapture, heatFramesFromCapture, reduceFrames, valueRange,
  type FrameMaps, type HeatFrameView, type KernelView, type SpectrumView,
} from '../../../engine/analysis';
import { EngineStateError } from '../../../engine/errors';
import { stageScale } from '../../../engine/models/diffusivityScale';
import type { DiffusivityScale } from '../../../engine/models/types';
import { toMapStack } from '../mapStack';
import type {
  BlockThumbs, ChannelConductionResult, ChannelMode, FrequencyDecayResult, HeatFramesResult, MapStack, OperatorStepsResult, PointResponseResult, SpectrumResult,
} from '../protocol';
import { cachedBlock, cachedForward, need, unitScale, type EngineState } from '../state';

export async function blockThumbs(state: EngineState, stage: number, diffusivity: DiffusivityScale): Promise<BlockThumbs> {
  const outputs = cachedForward(state, diffusivity).blocks.filter((b) => b.stage === stage).sort((a, b) => a.block - b.block).map((b) => b.output);
  if (outputs.length === 0) throw new EngineStateError(`stage ${stage}`, 'the stage has no blocks');
  const stack = tf.concat(outputs, 0) as tf.Tensor4D;
  try {
    // Each block's output energy on its own scale (blocks differ in magnitude; a thumbnail shows shape).
    return { stage, blocks: toMapStack(await reduceFrames(stack, { kind: 'energy' }), 'per-frame') };
  } finally {
    stack.dispose();
  }
}

function frameView(mode: ChannelMode, channels: number): HeatFrameView {
  if (mode.kind === 'channel') return { kind: 'channel', channel: Math.min(Math.max(0, mode.channel), channels - 1) };
  // HcNet has no k: every channel conducts (alpha > 0), so its conducting energy is the energy.
  if (mode.kind === 'conducting') return { kind: 'energy' };
  return mode;
}

function changedShares(f: FrameMaps): HeatFramesResult['changed'] {
  return { shared: visibleChangeFraction(f, { scaling: 'shared' }), perFrame: visibleChangeFraction(f, { scaling: 'per-frame' }) };
}

export async function heatFrames(
  state: EngineState, stage: number, block: number, diffusivity: DiffusivityScale, mode: ChannelMode, times: number[],
): Promise<HeatFramesResult> {
  const family = requireHeatConfig(need(state).info.config, 'heat frames').family;
  const cap = cachedBlock(state, stage, block, diffusivity);
  const c = cap.input.shape[3];
  if (family === 'vheat') {
    const f = await heatFramesFromCapture(cap, times, mode.kind === 'conducting' ? { kind: 'conducting-energy' } : frameView(mode, c));
    return {
      family, times: f.times, maps: toMapStack(f, 'shared'), channels: c, scale: f.scale, changed: changedShares(f),
      conductingChannels: f.channels?.length,
    };
  }
  const steps = Math.max(...times);
  const f = await hcnetStepFramesFromCapture(cap, steps, frameView(mode, c));
  const st = f.stability;
  let maxAlpha = 0;
  for (const cs of st.criticalScale) maxAlpha = Math.max(maxAlpha, st.alphaMax / cs); // criticalScale = alphaMax / alpha
  return {
    family, times: f.steps, maps: toMapStack(f, 'shared'), channels: c, changed: changedShares(f),
    stability: { alphaMax: st.alphaMax, maxAlpha, firstUnstableScale: st.firstUnstableScale, unstableChannels: st.unstableChannels.length },
  };
}

function normalisedMap(data: Float32Array, h: number, w: number, range: [number, number]): MapStack {
  const [lo, hi] = range;
  // A flat map (e.g. a channel whose k is 0 everywhere) is drawn in the scale's first colour, not mid-scale.
  const out = data.map((v) => (hi > lo ? (v - lo) / (hi - lo) : 0));
  return { frames: 1, height: h, width: w, channels: 1, data: out, range: [lo, hi] };
}

export async function spectrum(state: EngineState, stage: number, block: number, channel: number | null): Promise<SpectrumResult> {
  const { model, info } = need(state);
  const side = info.stageSides[stage];
  const view: SpectrumView = channel === null ? { kind: 'mean' } : { kind: 'channel', channel: Math.min(channel, info.config.dims[stage] - 1) };
  // The learned k (multiplier 1): the slider's effect is shown by the animation and the kernel.
  const k = await diffusivitySpectrum(model, stage, block, { height: side, width: side }, view, 'k');
  if (k) return { map: normalisedMap(k.data, k.height, k.width, k.range), min: k.range[0], max: k.range[1], quantity: 'k' };
  // HcNet: no spectrum; alpha per channel of this block (input dependent, multiplier 1).
  const cap = cachedBlock(state, stage, block, unitScale(info));
  if (!cap.alpha) throw new EngineStateError(`block ${stage}.${block}`, 'this block has neither a diffusivity k nor an alpha', 'unsupported');
  const c = cap.alpha.shape[3];
  const a = (await cap.alpha.data()).slice(0, c) as Float32Array;
  const range = valueRange(a);
  return { map: normalisedMap(a, 1, c, range), min: range[0], max: range[1], quantity: 'alpha' };
}

function signedMap(values: Float32Array, h: number, w: number): MapStack {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  const data = values.map((v) => (m > 0 ? 0.5 + 0.5 * (v / m) : 0.5));
  return { frames: 1, height: h, width: w, channels: 1, data, signed: true, range: [-m, m] };
}

/** HcNet: the block's one explicit step applied to a unit of heat at `position` (alpha from this image's pass). */
async function explicitStepResponse(state: EngineState, stage: number, block: number, diffusivity: DiffusivityScale, position: { row: number; col: number }, view: KernelView) {
  const cap = cachedBlock(state, stage, block, diffusivity);
  const alpha = cap.alpha;
  if (!alpha) throw new EngineStateError(`block ${stage}.${block}`, 'the model did not capture alpha', 'unsupported');
  const [, h, w, c] = cap.input.shape;
  const hot = tf.tidy(() => {
    const one = tf.buffer([1, h, w, c], 'float32');
    for (let j = 0; j < c; j++) one.set(1, 0, position.row, position.col, j);
    const frames = explicitHeatSteps(one.toTensor() as tf.Tensor4D, alpha, 1);
    const last = tf.slice(frames, [1, 0, 0, 0], [1, h, w, c]);
    return view.kind === 'mean' ? tf.mean(last, 3) : tf.slice(last, [0, 0, 0, view.channel], [1, h, w, 1]);
  });
  const data = (await hot.data()) as Float32Array;
  hot.dispose();
  return signedMap(data, h, w);
}

/** vHeat: the mean response over the conducting channels to a unit of heat at `position`, at s * t. Null for HcNet. */
async function conductingPointResponse(state: EngineState, stage: number, block: number, s: number, position: { row: number; col: number }): Promise<MapStack | null> {
  const { model, info } = need(state);
  const side = info.stageSides[stage];
  const rate = blockRate(model, stage, block, side, side);
  if (!rate) return null;
  try {
    const channels = await conductingChannels(rate);
    if (channels.length === 0) return null;
    const map = tf.tidy(() => tf.mean(tf.gather(pointResponseOf(rate, s, position), tf.tensor1d(Int32Array.from(channels), 'int32'), 2), 2));
    const data = (await map.data()) as Float32Array;
    map.dispose();
    return signedMap(data, side, side);
  } finally {
    rate.dispose();
  }
}

export async function pointResponse(
  state: EngineState, stage: number, block: number, diffusivity: DiffusivityScale, row: number, col: number, channel: number | null,
  opts: { conducting?: boolean; t?: number } = {},
): Promise<PointResponseResult> {
  const { model, info } = need(state);
  const side = info.stageSides[stage];
  const position = { row: Math.min(Math.max(Math.floor(row), 0), side - 1), col: Math.min(Math.max(Math.floor(col), 0), side - 1) };
  const view: KernelView = channel === null ? { kind: 'mean' } : { kind: 'channel', channel: Math.min(channel, info.config.dims[stage] - 1) };
  // t multiplies s (the operator decays exp(-s k w^2 t)): the response at t is the block's kernel with s * t.
  const t = opts.t ?? 1;
  const s = stageScale(diffusivity, stage, info.config.depths.length) * t;
  if (channel === null && opts.conducting) {
    const map = await conductingPointResponse(state, stage, block, s, position);
    if (map) return { map, row: position.row, col: position.col };
  }
  const scaled: DiffusivityScale = { global: s, perStage: info.config.depths.map(() => 1) };
  const kernel = await blockSpatialKernel(model, stage, block, { height: side, width: side }, position, view, { diffusivity: scaled });
  if (kernel) return { map: signedMap(kernel.data, kernel.height, kernel.width), row: position.row, col: position.col };
  return { map: await explicitStepResponse(state, stage, block, diffusivity, position, view), row: position.row, col: position.col };
}

/** Per channel conduction of the block: vHeat's k needs no pass; HcNet's alpha comes from the cached capture. */
export async function channelConductionOf(state: EngineState, stage: number, block: number, diffusivity: DiffusivityScale): Promise<ChannelConductionResult> {
  const { model, info } = need(state);
  const side = info.stageSides[stage];
  const capture = info.config.family === 'hcnet' ? cachedBlock(state, stage, block, diffusivity) : undefined;
  const c = await channelConduction(model, stage, block, { height: side, width: side }, { capture });
  const off = new Set(c.nonConducting);
  return { quantity: c.quantity, mean: Array.from(c.mean), conducts: Array.from(c.mean, (_, j) => !off.has(j)) };
}

function vheatCapture(state: EngineState, stage: number, block: number, diffusivity: DiffusivityScale) {
  if (need(state).info.config.family !== 'vheat') throw new EngineStateError(`block ${stage}.${block}`, 'HcNet has no DCT operator to picture', 'unsupported');
  return cachedBlock(state, stage, block, diffusivity);
}

/** vHeat's operator on the block's input at time t: u0, its DCT, the mask, their product and u(t) (channel null: conducting RMS). */
export async function operatorStepsOf(state: EngineState, stage: number, block: number, diffusivity: DiffusivityScale, channel: number | null, t: number): Promise<OperatorStepsResult> {
  const s = await operatorSteps(vheatCapture(state, stage, block, diffusivity), channel ?? 'conducting-energy', t);
  return {
    height: s.height, width: s.width, t: s.t, channels: s.channels, signed: channel !== null,
    input: s.input, coefficients: s.coefficients, mask: s.mask, product: s.product, output: s.output,
  };
}

/** Frequency (n, m) of the block's map: its cosine pattern and its decay over `times`. */
export async function frequencyDecayOf(
  state: EngineState, stage: number, block: number, diffusivity: DiffusivityScale, channel: number | null, n: number, m: number, times: number[],
): Promise<FrequencyDecayResult> {
  const d = await frequencyDecay(vheatCapture(state, stage, block, diffusivity), channel ?? 'conducting-energy', n, m, times);
  return { n: d.n, m: d.m, height: d.height, width: d.width, pattern: d.pattern, times: d.times, decay: d.decay };
}
