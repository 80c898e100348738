// `vheat heat`: one block's own heat operator applied over time, as the page animates it. vHeat: u(t) for each
// --times value (t = 1 is what the block computes); HcNet: its explicit finite-difference step repeated, the frames
// at each --steps value. Written as float32 [T, h, w] (energy or one channel) or [T, h, w, 3] (PCA) .npy.

import * as tf from '@tensorflow/tfjs';
import { basename } from 'node:path';
import {
  captureBlock, disposeCapture, hcnetStepFramesFromCapture, heatFramesFromCapture, valueRange, type FrameMaps, type HeatFrameView,
} from '../engine/analysis/index';
import { MAX_EXPLICIT_STEPS } from '../engine/analysis/hcnetSteps';
import type { ModelConfig } from '../engine/config';
import { InputError } from '../engine/errors';
import { requireHeatConfig } from '../engine/models/heatFamily';
import type { BlockCapture } from '../engine/models/model';
import { UsageError, flagString, parseArgs, type ParsedArgs } from './args';
import { blockOption, diffusivityOption, numberListOption, outputOption, stageOption } from './analysisOptions';
import { MODEL_BOOLEAN_FLAGS, MODEL_VALUED_FLAGS, modelOptions, openCommandModel } from './commandModel';
import { readModelInput } from './inputFiles';
import { writeNpy } from './npyWrite';
import { shownNumber } from '../engine/numbering';

const HEAT_FLAGS = ['--stage', '--block', '--times', '--steps', '--channels', '--diffusivity', '--diffusivity-stage', '-o', '--output'];
/** Most HcNet steps recorded on the way to the largest of --steps (each a [h, w, C] map kept until the end). */
const MAX_RECORDED_STEPS = 1001;

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/** Largest diffusion time accepted (t = 1 is the block's own; by t ~ 100 every map is its channel means). */
const MAX_TIME = 1e4;

/** --channels energy (default) | pca | N (one channel). */
export function channelsOption(text: string | undefined): HeatFrameView {
  const v = text ?? 'energy';
  if (v === 'energy') return { kind: 'energy' };
  if (v === 'pca') return { kind: 'pca' };
  if (/^\d{1,6}$/.test(v)) return { kind: 'channel', channel: Number(v) };
  throw new UsageError(`--channels is energy, pca or a channel number, got ${JSON.stringify(v)}`);
}

function checkedView(view: HeatFrameView, stage: number, config: ModelConfig): HeatFrameView {
  const c = config.dims[stage];
  if (view.kind === 'channel' && view.channel >= c) throw new UsageError(`--channels: stage ${shownNumber(stage)} has channels 0..${c - 1}`);
  return view;
}

/** vHeat: frames at --times (default 0,0.25,1,4). */
async function vheatFrames(p: ParsedArgs, cap: BlockCapture, view: HeatFrameView): Promise<{ frames: FrameMaps; meta: Record<string, unknown> }> {
  if (p.flags.has('--steps')) throw new UsageError('--steps is for HcNet; a vHeat block takes --times');
  const times = numberListOption(p, '--times', '0,0.25,1,4', (t, text) => {
    if (t < 0 || t > MAX_TIME) throw new UsageError(`--times: ${text} is not in 0..${MAX_TIME}`);
  });
  const f = await heatFramesFromCapture(cap, times, view);
  return { frames: f, meta: { times, scale: f.scale } };
}

/** HcNet: frames at --steps (default 0,1,6,24), every step run up to the largest. */
async function hcnetFrames(p: ParsedArgs, cap: BlockCapture, view: HeatFrameView): Promise<{ frames: FrameMaps; meta: Record<string, unknown> }> {
  if (p.flags.has('--times')) throw new UsageError('--times is for vHeat; an HcNet block takes --steps');
  const steps = numberListOption(p, '--steps', '0,1,6,24', (s, text) => {
    if (!Number.isInteger(s) || s < 0 || s > MAX_EXPLICIT_STEPS) throw new UsageError(`--steps: ${text} is not an integer in 0..${MAX_EXPLICIT_STEPS}`);
  });
  // Record every g-th step, g the greatest common divisor of the steps asked for: all of them are recorded, no others
  // between them unless needed (0,100,1000 keeps 11 frames, not 1001).
  const every = steps.reduce((g, s) => greatestCommonDivisor(g, s), 0) || 1;
  const last = Math.max(...steps);
  if (last / every + 1 > MAX_RECORDED_STEPS) throw new UsageError(`--steps ${steps.join(',')} would record ${last / every + 1} frames (at most ${MAX_RECORDED_STEPS}: use steps with a larger common divisor)`);
  const all = await hcnetStepFramesFromCapture(cap, last, view, { recordEvery: every });
  const per = all.height * all.width * all.components;
  const data = new Float32Array(steps.length * per);
  steps.forEach((s, i) => data.set(all.data.subarray((s / every) * per, (s / every + 1) * per), i * per));
  const componentRanges = all.componentRanges.map((_, k) => valueRange(data, all.components, k));
  const frames: FrameMaps = { ...all, count: steps.length, data, frameRanges: steps.map((s) => all.frameRanges[s / every]), componentRanges };
  const { alphaMax, firstUnstableScale, unstableChannels } = all.stability;
  return { frames, meta: { steps, stability: { alphaMax, firstUnstableScale, unstableChannels: unstableChannels.length } } };
}

export async function heatCommand(argv: string[]): Promise<Record<string, unknown>> {
  const p = parseArgs(argv, [...MODEL_VALUED_FLAGS, ...HEAT_FLAGS], MODEL_BOOLEAN_FLAGS);
  if (p.positional.length !== 1) throw new UsageError('heat takes one image or .npy');
  const output = outputOption(p, 'heat');
  const viewOption = channelsOption(flagString(p, '--channels'));
  const options = modelOptions(p, 'heat');
  const { file, model, preprocessing, backend } = await openCommandModel(options);
  try {
    requireHeatConfig(file.config, 'vheat heat');
    const stage = stageOption(p, file.config);
    const block = blockOption(p, file.config, stage);
    const view = checkedView(viewOption, stage, file.config);
    const diffusivity = diffusivityOption(p, file.config);
    const input = readModelInput(p.positional[0], preprocessing);
    if (input.shape[0] !== 1) throw new InputError(input.name, `holds ${input.shape[0]} images; heat takes one`, 'unsupported');
    const x = tf.tensor4d(input.data, input.shape);
    let cap: BlockCapture;
    try {
      cap = captureBlock(model, x, stage, block, { diffusivity });
    } finally {
      x.dispose();
    }
    try {
      const { frames, meta } = file.config.family === 'vheat' ? await vheatFrames(p, cap, view) : await hcnetFrames(p, cap, view);
      const shape = frames.components === 1 ? [frames.count, frames.height, frames.width] : [frames.count, frames.height, frames.width, frames.components];
      writeNpy(output, shape, frames.data);
      return {
        model: basename(options.path), family: file.config.family, backend, input: input.name,
        stage: shownNumber(stage), block: shownNumber(block), channels: view.kind === 'channel' ? view.channel : view.kind, diffusivity, ...meta,
        shape, frameRanges: frames.frameRanges, componentRanges: frames.componentRanges, output,
      };
    } finally {
      disposeCapture(cap);
    }
  } finally {
    model.dispose();
  }
}
