// The image at its own resolution, diffused: spectral frames (uniform k or the block's learned k) or, for HcNet, the
// spectral solution beside the explicit steps. A newer request (or a new image or model) makes a running one stale.
import {
  explicitStepBoundForImage, EXPLICIT_STEP_DIFFUSIVITY_PER_ALPHA, frameToRgba, imagePlanes, learnedDiffusivityOnGrid, logSteps, logTimes,
  rateOnImageGrid, visitDiffusedFrames, visitExplicitFrames, type FrameVisitor, type ImagePlanes,
} from '../../../engine/analysis/fullResolutionHeat';
import { valueRange } from '../../../engine/analysis';
import { EngineStateError } from '../../../engine/errors';
import type { Progress } from '../loadProgress';
import type { FullResRequest, FullResResult } from '../protocol';
import { cachedBlock, need, needModel, unitScale, type EngineState } from '../state';

/** A request arrived that makes a running full-resolution diffusion stale (a newer one, a new image or model). */
export function supersedeFullResolution(state: EngineState, ticket?: number): void {
  state.fullRes.generation++;
  if (ticket !== undefined) state.fullRes.ticket = Math.max(state.fullRes.ticket, ticket);
}

interface Run {
  state: EngineState;
  generation: number;
  progress: Progress;
}

const stale = (run: Run) => run.generation !== run.state.fullRes.generation;

/** A visitor that keeps each frame as RGBA and reports progress; it stops (false) once a newer request came in. */
function rgbaCollector(run: Run, out: Uint8ClampedArray[], total: number, offset: number, all: number, label: 'fullRes.frame' | 'fullRes.spectralFrame' | 'fullRes.explicitFrame'): FrameVisitor {
  return async (frame, i) => {
    if (stale(run)) return false;
    out.push(await frameToRgba(frame));
    run.progress((offset + i + 1) / all, { key: label, values: { n: i + 1, total } });
    // Yield to the worker's message loop so a newer request can mark this one stale.
    await new Promise((r) => setTimeout(r, 0));
    return !stale(run);
  };
}

/** HcNet's block alpha (mean over channels, model input, multiplier 1), from the forward cache. */
async function blockMeanAlpha(state: EngineState, stage: number, block: number): Promise<number> {
  const cap = cachedBlock(state, stage, block, unitScale(needModel(state).info));
  if (!cap.alpha) throw new EngineStateError(`block ${stage}.${block}`, 'has no alpha (not HcNet?)', 'unsupported');
  const c = cap.alpha.shape[3];
  const a = await cap.alpha.data();
  let sum = 0;
  for (let j = 0; j < c; j++) sum += a[j];
  return sum / c;
}

async function fullResHcNet(run: Run, planes: ImagePlanes, req: FullResRequest, mode: Extract<FullResRequest['mode'], { kind: 'hcnet' }>) {
  const blockAlpha = await blockMeanAlpha(run.state, mode.stage, mode.block);
  const alpha = blockAlpha * mode.alphaScale;
  const steps = logSteps(req.frames, req.maxSteps);
  const k = EXPLICIT_STEP_DIFFUSIVITY_PER_ALPHA * alpha;
  const frames: Uint8ClampedArray[] = [];
  const explicitFrames: Uint8ClampedArray[] = [];
  const rate = rateOnImageGrid(planes.height, planes.width, k);
  try {
    await visitDiffusedFrames(planes, rate, steps, rgbaCollector(run, frames, steps.length, 0, 2 * steps.length, 'fullRes.spectralFrame'));
  } finally {
    rate.dispose();
  }
  await visitExplicitFrames(planes, alpha, steps, rgbaCollector(run, explicitFrames, steps.length, steps.length, 2 * steps.length, 'fullRes.explicitFrame'));
  const bound = explicitStepBoundForImage(planes.height, planes.width);
  return { times: steps, frames, explicitFrames, hcnet: { alpha, blockAlpha, k, ...bound } };
}

async function fullResSpectral(run: Run, planes: ImagePlanes, req: FullResRequest) {
  const { mode } = req;
  let k: number | Float32Array;
  let learned: FullResResult['learned'];
  if (mode.kind === 'learned') {
    const view = mode.channel === null ? { kind: 'mean' as const } : { kind: 'channel' as const, channel: mode.channel };
    const map = await learnedDiffusivityOnGrid(need(run.state).model, mode.stage, mode.block, planes.height, planes.width, view, { diffusivity: mode.diffusivity });
    if (!map) throw new EngineStateError('learned k', 'this model has none (HcNet): use its explicit steps', 'unsupported');
    const [min, max] = valueRange(map.data);
    k = map.data;
    learned = { min, max, trainedSide: map.trainedSide, channels: map.channels, scale: map.scale, blockRange: map.blockRange };
  } else if (mode.kind === 'uniform') {
    k = mode.k;
  } else {
    throw new EngineStateError('full-resolution heat', `not a spectral mode: ${mode.kind}`);
  }
  const times = logTimes(req.frames);
  const frames: Uint8ClampedArray[] = [];
  const rate = rateOnImageGrid(planes.height, planes.width, k);
  try {
    await visitDiffusedFrames(planes, rate, times, rgbaCollector(run, frames, times.length, 0, times.length, 'fullRes.frame'));
  } finally {
    rate.dispose();
  }
  return { times, frames, learned };
}

/** The current image at its own resolution (long side capped at req.maxSide), diffused: a stack of RGBA frames. */
export async function fullResolutionHeat(state: EngineState, req: FullResRequest, progress: Progress): Promise<FullResResult> {
  const t0 = performance.now();
  const { image } = state;
  if (!image) throw new EngineStateError('full-resolution heat', 'no image is loaded');
  if (req.ticket < state.fullRes.ticket) throw new EngineStateError('full-resolution heat', 'superseded by a newer request');
  const run: Run = { state, generation: state.fullRes.generation, progress };
  const { mode } = req;
  progress(0, { key: 'fullRes.readingImage' });
  const planes = imagePlanes(image.rgba, req.maxSide);
  const result = mode.kind === 'hcnet' ? await fullResHcNet(run, planes, req, mode) : await fullResSpectral(run, planes, req);
  if (stale(run)) throw new EngineStateError('full-resolution heat', 'superseded by a newer request');
  return {
    imageId: state.inputId, imageName: image.name, sourceWidth: image.rgba.width, sourceHeight: image.rgba.height,
    width: planes.width, height: planes.height, mode, ...result, milliseconds: performance.now() - t0,
  };
}
