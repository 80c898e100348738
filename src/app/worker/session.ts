// The worker's state and every computation the UI asks for: one loaded model, one decoded image and its
// model input tensor. Everything runs on the active tfjs backend; results come back as plain arrays.
import * as tf from '@tensorflow/tfjs';
import { stageSize, type WeightMap } from '../../engine/config';
import { EngineStateError } from '../../engine/errors';
import { checkResampleSize, preprocess, type RgbImage } from '../../engine/image';
import { MAX_MODEL_FILE_BYTES } from '../../engine/limits';
import { requireHeatConfig } from '../../engine/models/heatFamily';
import { buildModel } from '../../engine/models/model';
import { randomWeights } from '../../engine/models/randomWeights';
import type { BlockCapture, Diffusivity, ForwardResult, HeatModel } from '../../engine/models/types';
import {
  averageEffectiveReceptiveField, blockSpatialKernel, captureBlock, diffusivitySpectrum, disposeCapture, effectiveReceptiveField,
  effectiveReceptiveFieldAtDepth,
  explicitHeatSteps, hcnetStepFramesFromCapture, heatFramesFromCapture, imageToStagePosition, reduceFrames, valueRange,
  type ErfMap, type HeatFrameView, type KernelView, type SpectrumView,
} from '../../engine/analysis';
import {
  explicitStepBoundForImage, EXPLICIT_STEP_DIFFUSIVITY_PER_ALPHA, frameToRgba, imagePlanes, learnedDiffusivityOnGrid, logSteps, logTimes,
  rateOnImageGrid, visitDiffusedFrames, visitExplicitFrames, type FrameVisitor, type ImagePlanes,
} from '../../engine/analysis/fullResolutionHeat';
import { loadModelFile, toWebFormat, WeightFileError, type LoadedModelFile } from '../../engine/weights';
import { toMapStack } from './mapStack';
import { decodeImageBytes } from './decodeImage';
import { loadConverted, saveConverted } from './modelCache';
import { RANDOM_MODELS } from './randomModels';
import { convertedFileKey, MODEL_FILE } from './protocol';
import type {
  BlockThumbs, ChannelMode, ErfResult, FullResRequest, FullResResult, HeatFramesResult, ImageInfo, MapStack, ModelInfo, ModelSource,
  PointResponseResult, PredictResult, SpectrumResult,
} from './protocol';
import { concatBytes } from '../../engine/bytes';

export type Progress = (fraction: number, label: string) => void;

/** Thresholds of the area ratios shown beside the ERF. */
export const ERF_THRESHOLDS = [0.2, 0.3, 0.5, 0.99];

/** Model files larger than this are not downloaded or read (vHeat-B is about 350 MB); shared with the CLI. */
const MAX_MODEL_BYTES = MAX_MODEL_FILE_BYTES;
const fileOfUrl = (url: string) => url.split('/').pop() || url;
const overLimit = (name: string, size?: number) =>
  new WeightFileError(name, `${size === undefined ? 'the file is' : `${size} bytes is`} over the ${MAX_MODEL_BYTES / 2 ** 30} GiB limit`, 'too-large');

interface Loaded {
  model: HeatModel;
  info: ModelInfo;
  weights: WeightMap;
}

let current: Loaded | null = null;
let image: { rgba: RgbImage; name: string } | null = null;
let input: tf.Tensor4D | null = null;
/** Identifies the current model input (image x preprocessing); bumps whenever it changes. */
let inputId = 0;

async function fetchBytes(url: string, progress?: Progress): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new WeightFileError(fileOfUrl(url), `download failed (HTTP ${res.status})`, 'unreadable');
  const total = Number(res.headers.get('content-length') ?? 0);
  if (total > MAX_MODEL_BYTES) throw overLimit(fileOfUrl(url), total);
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    got += value.byteLength;
    if (got > MAX_MODEL_BYTES) throw overLimit(fileOfUrl(url));
    if (total > 0) progress?.(got / total, 'downloading');
  }
  return concatBytes(chunks, got);
}

async function readModel(source: ModelSource, progress: Progress): Promise<{ m: LoadedModelFile; id: string; title: string }> {
  switch (source.kind) {
    case 'bundled': {
      const bytes = await fetchBytes(source.entry.file, (f) => progress(f * 0.5, 'downloading'));
      const m = await loadModelFile(bytes, source.entry.file.split('/').pop() ?? source.entry.file, { onProgress: (f) => progress(0.5 + 0.5 * f, 'reading') });
      return { m, id: source.entry.id, title: source.entry.title };
    }
    case 'cached': {
      const row = await loadConverted(source.id);
      if (!row) throw new EngineStateError(source.id, 'the converted model is no longer in the browser cache', 'unreadable');
      const m = await loadModelFile(row.data, `${row.title}.safetensors`, { onProgress: (f) => progress(f, 'reading') });
      return { m, id: source.id, title: row.title };
    }
    case 'file': {
      const { file } = source;
      if (file.size > MAX_MODEL_BYTES) throw overLimit(file.name, file.size);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const m = await loadModelFile(bytes, file.name, { onProgress: (f) => progress(f * 0.8, 'converting') });
      const id = convertedFileKey(file.name, file.size);
      const title = file.name.replace(MODEL_FILE, '');
      progress(0.85, 'saving to the browser cache');
      try {
        await saveConverted(id, title, /\.safetensors$/i.test(file.name) ? bytes : toWebFormat(m));
      } catch (e) {
        console.warn('could not cache the converted model', e);
      }
      return { m, id, title };
    }
    case 'random': {
      const spec = RANDOM_MODELS.find((r) => r.id === source.id);
      if (!spec) throw new EngineStateError(source.id, 'unknown random model');
      const m: LoadedModelFile = {
        config: spec.config,
        weights: randomWeights(spec.config, spec.seed),
        labels: Array.from({ length: spec.config.numClasses }, (_, i) => `class ${i}`),
        preprocessing: spec.preprocessing,
        provenance: { weights: `random, seed ${spec.seed} (untrained)` },
      };
      return { m, id: spec.id, title: spec.title };
    }
  }
}

/** Re-makes the model input; a new id unless it is the same image and preprocessing (device-loss rebuild). */
function rebuildInput(sameInput = false): void {
  if (!sameInput) inputId++;
  input?.dispose();
  input = null;
  if (image && current) {
    const p = preprocess(image.rgba, current.info.preprocessing, image.name);
    input = tf.tensor4d(p.data, p.shape);
  }
}

function modelInputForDisplay(): { data: Uint8ClampedArray; size: number } {
  if (!image || !current) return { data: new Uint8ClampedArray(0), size: 0 };
  const pp = current.info.preprocessing;
  const p = preprocess(image.rgba, pp);
  const s = pp.inputSize;
  const out = new Uint8ClampedArray(s * s * 4);
  for (let i = 0; i < s * s; i++) {
    for (let c = 0; c < 3; c++) out[4 * i + c] = Math.round((p.data[3 * i + c] * pp.std[c] + pp.mean[c]) * 255);
    out[4 * i + 3] = 255;
  }
  return { data: out, size: s };
}

export async function loadModel(source: ModelSource, progress: Progress): Promise<ModelInfo> {
  const { m, id, title } = await readModel(source, progress);
  progress(0.9, 'building the model');
  const model = buildModel(m.config, m.weights); // throws ModelBuildError; the previous model stays
  const s = m.preprocessing.inputSize;
  // On WebGPU every pipeline of a forward pass is compiled now, in parallel, not one by one in the first predict
  // (bundled model on SwiftShader, a fresh page: 1.0-1.2 instead of 1.2-1.4 s to the first result, BENCHMARKS.md).
  progress(0.93, 'compiling GPU programs');
  try {
    await model.precompile([1, s, s, 3]);
  } catch (e) {
    model.dispose(); // the previous model stays
    throw e;
  }
  const info: ModelInfo = {
    id, title, config: m.config, parameters: model.numParameters(), labels: m.labels,
    preprocessing: m.preprocessing, provenance: m.provenance,
    stageSides: m.config.dims.map((_, i) => stageSize(s, i)),
  };
  current?.model.dispose();
  current = { model, info, weights: m.weights };
  // An image whose resampling this model's preprocessing cannot bound is dropped, not half-used.
  if (image) {
    try {
      checkResampleSize(image.rgba.width, image.rgba.height, m.preprocessing, image.name);
    } catch {
      image = null;
    }
  }
  rebuildInput();
  progress(1, 'ready');
  return info;
}

export function currentImageInfo(): ImageInfo | null {
  if (!image) return null;
  const { data, size } = modelInputForDisplay();
  return { id: inputId, name: image.name, width: image.rgba.width, height: image.rgba.height, modelInput: data, inputSize: size };
}

export async function setImage(bytes: Uint8Array, name: string): Promise<ImageInfo> {
  return setDecodedImage(await decodeImageBytes(bytes, name, current?.info.preprocessing), name); // throws ImageInputError (file, code); the previous image stays
}

/** An image already decoded to RGBA pixels (setImage's second half; Node tests decode with the command line's pngjs). */
export function setDecodedImage(rgba: RgbImage, name: string): ImageInfo {
  image = { rgba, name };
  rebuildInput();
  return currentImageInfo()!;
}

export async function setImageFromUrl(url: string, name: string): Promise<ImageInfo> {
  return setImage(await fetchBytes(url), name);
}

function need(): { model: HeatModel; info: ModelInfo; x: tf.Tensor4D } {
  if (!current) throw new EngineStateError('engine', 'no model is loaded');
  if (!input) throw new EngineStateError('engine', 'no image is loaded');
  return { model: current.model, info: current.info, x: input };
}

export async function predict(diffusivity: Diffusivity): Promise<PredictResult> {
  const { model, info, x } = need();
  const t0 = performance.now();
  const probs = tf.tidy(() => tf.softmax(model.predict(x, { diffusivity })));
  const p = (await probs.data()) as Float32Array;
  probs.dispose();
  const milliseconds = performance.now() - t0;
  const order = Array.from(p.keys()).sort((a, b) => p[b] - p[a]).slice(0, 5);
  let probabilitySum = 0;
  for (const v of p) probabilitySum += v;
  return {
    imageId: inputId,
    top: order.map((i) => ({ index: i, label: info.labels[i] ?? `class ${i}`, probability: p[i] })),
    probabilitySum,
    milliseconds,
  };
}

function disposeForward(r: ForwardResult): void {
  tf.dispose([r.logits, ...r.stages]);
  r.blocks.forEach(disposeCapture);
}

async function withBlock<T>(stage: number, block: number, diffusivity: Diffusivity, fn: (c: BlockCapture) => Promise<T>): Promise<T> {
  const { model, x } = need();
  const cap = captureBlock(model, x, stage, block, { diffusivity });
  try {
    return await fn(cap);
  } finally {
    disposeCapture(cap);
  }
}

export async function blockThumbs(stage: number, diffusivity: Diffusivity): Promise<BlockThumbs> {
  const { model, x } = need();
  const r = model.forward(x, { diffusivity, capture: true });
  try {
    const outputs = r.blocks.filter((b) => b.stage === stage).sort((a, b) => a.block - b.block).map((b) => b.output);
    if (outputs.length === 0) throw new EngineStateError(`stage ${stage}`, 'the stage has no blocks');
    const stack = tf.concat(outputs, 0) as tf.Tensor4D;
    try {
      // Each block's output energy on its own scale (blocks differ in magnitude; a thumbnail shows shape).
      return { stage, blocks: toMapStack(await reduceFrames(stack, { kind: 'energy' }), 'per-frame') };
    } finally {
      stack.dispose();
    }
  } finally {
    disposeForward(r);
  }
}

function frameView(mode: ChannelMode, channels: number): HeatFrameView {
  if (mode.kind === 'channel') return { kind: 'channel', channel: Math.min(Math.max(0, mode.channel), channels - 1) };
  return mode;
}

export async function heatFrames(stage: number, block: number, diffusivity: Diffusivity, mode: ChannelMode, times: number[]): Promise<HeatFramesResult> {
  const family = requireHeatConfig(need().info.config, 'heat frames').family;
  return withBlock(stage, block, diffusivity, async (cap) => {
    const c = cap.input.shape[3];
    if (family === 'vheat') {
      const f = await heatFramesFromCapture(cap, times, frameView(mode, c));
      return { family, times: f.times, maps: toMapStack(f, 'shared'), channels: c, scale: f.scale };
    }
    const steps = Math.max(...times);
    const f = await hcnetStepFramesFromCapture(cap, steps, frameView(mode, c));
    const st = f.stability;
    let maxAlpha = 0;
    for (const cs of st.criticalScale) maxAlpha = Math.max(maxAlpha, st.alphaMax / cs); // criticalScale = alphaMax / alpha
    return {
      family, times: f.steps, maps: toMapStack(f, 'shared'), channels: c,
      stability: { alphaMax: st.alphaMax, maxAlpha, firstUnstableScale: st.firstUnstableScale, unstableChannels: st.unstableChannels.length },
    };
  });
}

function normalisedMap(data: Float32Array, h: number, w: number, range: [number, number]): MapStack {
  const [lo, hi] = range;
  // A flat map (e.g. a channel whose k is 0 everywhere) is drawn in the scale's first colour, not mid-scale.
  const out = data.map((v) => (hi > lo ? (v - lo) / (hi - lo) : 0));
  return { frames: 1, height: h, width: w, channels: 1, data: out, range: [lo, hi] };
}

export async function spectrum(stage: number, block: number, channel: number | null): Promise<SpectrumResult> {
  const { model, info } = need();
  const side = info.stageSides[stage];
  const view: SpectrumView = channel === null ? { kind: 'mean' } : { kind: 'channel', channel: Math.min(channel, info.config.dims[stage] - 1) };
  // The learned k (multiplier 1): the slider's effect is shown by the animation and the kernel.
  const k = await diffusivitySpectrum(model, stage, block, { height: side, width: side }, view, 'k');
  if (k) return { map: normalisedMap(k.data, k.height, k.width, k.range), min: k.range[0], max: k.range[1], quantity: 'k' };
  // HcNet: no spectrum; alpha per channel of this block (input dependent, multiplier 1).
  const ones: Diffusivity = { global: 1, perStage: info.config.dims.map(() => 1) };
  return withBlock(stage, block, ones, async (cap) => {
    if (!cap.alpha) throw new EngineStateError(`block ${stage}.${block}`, 'this block has neither a diffusivity k nor an alpha', 'unsupported');
    const c = cap.alpha.shape[3];
    const a = (await cap.alpha.data()).slice(0, c) as Float32Array;
    const range = valueRange(a);
    return { map: normalisedMap(a, 1, c, range), min: range[0], max: range[1], quantity: 'alpha' };
  });
}

function signedMap(values: Float32Array, h: number, w: number): MapStack {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  const data = values.map((v) => (m > 0 ? 0.5 + 0.5 * (v / m) : 0.5));
  return { frames: 1, height: h, width: w, channels: 1, data, signed: true, range: [-m, m] };
}

export async function pointResponse(stage: number, block: number, diffusivity: Diffusivity, row: number, col: number, channel: number | null): Promise<PointResponseResult> {
  const { model, info } = need();
  const side = info.stageSides[stage];
  const position = { row: Math.min(Math.max(Math.floor(row), 0), side - 1), col: Math.min(Math.max(Math.floor(col), 0), side - 1) };
  const view: KernelView = channel === null ? { kind: 'mean' } : { kind: 'channel', channel: Math.min(channel, info.config.dims[stage] - 1) };
  const kernel = await blockSpatialKernel(model, stage, block, { height: side, width: side }, position, view, { diffusivity });
  if (kernel) return { map: signedMap(kernel.data, kernel.height, kernel.width), row: position.row, col: position.col };
  // HcNet: the block's one explicit step applied to a unit of heat (alpha from this image's capture).
  return withBlock(stage, block, diffusivity, async (cap) => {
    if (!cap.alpha) throw new EngineStateError(`block ${stage}.${block}`, 'the model did not capture alpha', 'unsupported');
    const [, h, w, c] = cap.input.shape;
    const hot = tf.tidy(() => {
      const one = tf.buffer([1, h, w, c], 'float32');
      for (let j = 0; j < c; j++) one.set(1, 0, position.row, position.col, j);
      const frames = explicitHeatSteps(one.toTensor() as tf.Tensor4D, cap.alpha!, 1);
      const last = tf.slice(frames, [1, 0, 0, 0], [1, h, w, c]);
      return view.kind === 'mean' ? tf.mean(last, 3) : tf.slice(last, [0, 0, 0, view.channel], [1, h, w, 1]);
    });
    const data = (await hot.data()) as Float32Array;
    hot.dispose();
    return { map: signedMap(data, h, w), row: position.row, col: position.col };
  });
}

function erfResult(e: ErfMap, t0: number): ErfResult {
  return {
    map: { frames: 1, height: e.height, width: e.width, channels: 1, data: e.display, range: [0, 1] },
    stage: e.stage,
    stagePosition: e.stagePosition,
    maxContribution: e.maxContribution,
    blocks: e.blocks,
    row: e.imagePosition.row,
    col: e.imagePosition.col,
    ratios: e.areaRatios.map((a) => ({ threshold: a.threshold, areaRatio: a.areaRatio, box: a.box })),
    images: e.images,
    milliseconds: performance.now() - t0,
  };
}

/**
 * ERF of the stage position whose receptive-field centre is nearest to input pixel (row, col), after the first
 * `blocks` blocks of the stage (default all: the stage output; 0 at stage 0: after the stem).
 */
export async function erf(stage: number, row: number, col: number, diffusivity: Diffusivity, blocks?: number): Promise<ErfResult> {
  const t0 = performance.now();
  const { model, info, x } = need();
  const s = info.preprocessing.inputSize;
  const pixel = { row: Math.min(Math.max(Math.floor(row), 0), s - 1), col: Math.min(Math.max(Math.floor(col), 0), s - 1) };
  const position = imageToStagePosition(pixel, s, s, stage);
  const opts = { runOptions: { diffusivity }, thresholds: ERF_THRESHOLDS };
  const e = blocks === undefined
    ? await effectiveReceptiveField(model, x, stage, position, opts)
    : await effectiveReceptiveFieldAtDepth(model, x, { stage, blocks }, position, opts);
  return erfResult(e, t0);
}

/** The paper's ERF: centre position, gradients averaged over several images. */
export async function erfAverage(stage: number, urls: string[], diffusivity: Diffusivity, progress: Progress): Promise<ErfResult> {
  const t0 = performance.now();
  if (!current) throw new EngineStateError('engine', 'no model is loaded');
  const { model, info } = current;
  const s = info.preprocessing.inputSize;
  const batch = new Float32Array(urls.length * s * s * 3);
  for (let i = 0; i < urls.length; i++) {
    progress((0.3 * i) / urls.length, `reading image ${i + 1} of ${urls.length}`);
    const rgba = await decodeImageBytes(await fetchBytes(urls[i]), urls[i]);
    batch.set(preprocess(rgba, info.preprocessing).data, i * s * s * 3);
  }
  progress(0.3, `gradients of ${urls.length} images`);
  const images = tf.tensor4d(batch, [urls.length, s, s, 3]);
  try {
    const e = await averageEffectiveReceptiveField(model, images, stage, { runOptions: { diffusivity }, thresholds: ERF_THRESHOLDS });
    progress(1, 'done');
    return erfResult(e, t0);
  } finally {
    images.dispose();
  }
}

/** After a lost device: every tensor is gone; rebuild the model and the input on the new backend. */
export function rebuildAfterDeviceLoss(): void {
  if (!current) return;
  const { info, weights, model } = current;
  try {
    // Release the old tensors' bookkeeping; their GPU buffers went with the device.
    model.dispose();
    input?.dispose();
  } catch (e) {
    console.warn('disposing tensors of the lost device failed', e);
  }
  input = null;
  current = { model: buildModel(info.config, weights), info, weights };
  rebuildInput(true);
}

/** Tensors alive in tfjs (for leak checks from tests). */
export function memory(): { numTensors: number; backend: string } {
  return { numTensors: tf.memory().numTensors, backend: tf.getBackend() };
}

/** Bumped when a request arrives that makes a running full-resolution diffusion stale (a newer one, a new image or model). */
let fullResGeneration = 0;
/** Ticket of the newest fullResHeat request received (older queued ones are dropped unrun). */
let fullResTicket = 0;

export function supersedeFullResolution(ticket?: number): void {
  fullResGeneration++;
  if (ticket !== undefined) fullResTicket = Math.max(fullResTicket, ticket);
}

/** A visitor that keeps each frame as RGBA and reports progress; it stops (false) once a newer request came in. */
function rgbaCollector(out: Uint8ClampedArray[], total: number, offset: number, all: number, label: string, progress: Progress, generation: number): FrameVisitor {
  return async (frame, i) => {
    if (generation !== fullResGeneration) return false;
    out.push(await frameToRgba(frame));
    progress((offset + i + 1) / all, `${label} ${i + 1} of ${total}`);
    // Yield to the worker's message loop so a newer request can mark this one stale.
    await new Promise((r) => setTimeout(r, 0));
    return generation === fullResGeneration;
  };
}

/** HcNet's block alpha (mean over channels, model input, multiplier 1), for the full-resolution steps. */
async function blockMeanAlpha(stage: number, block: number): Promise<number> {
  const ones: Diffusivity = { global: 1, perStage: need().info.config.dims.map(() => 1) };
  return withBlock(stage, block, ones, async (cap) => {
    if (!cap.alpha) throw new EngineStateError(`block ${stage}.${block}`, 'has no alpha (not HcNet?)', 'unsupported');
    const c = cap.alpha.shape[3];
    const a = await cap.alpha.data();
    let sum = 0;
    for (let j = 0; j < c; j++) sum += a[j];
    return sum / c;
  });
}

async function fullResHcNet(planes: ImagePlanes, req: FullResRequest, stage: number, block: number, alphaScale: number, progress: Progress, generation: number) {
  const blockAlpha = await blockMeanAlpha(stage, block);
  const alpha = blockAlpha * alphaScale;
  const steps = logSteps(req.frames, req.maxSteps);
  const k = EXPLICIT_STEP_DIFFUSIVITY_PER_ALPHA * alpha;
  const frames: Uint8ClampedArray[] = [];
  const explicitFrames: Uint8ClampedArray[] = [];
  const rate = rateOnImageGrid(planes.height, planes.width, k);
  try {
    await visitDiffusedFrames(planes, rate, steps, rgbaCollector(frames, steps.length, 0, 2 * steps.length, 'spectral frame', progress, generation));
  } finally {
    rate.dispose();
  }
  await visitExplicitFrames(planes, alpha, steps, rgbaCollector(explicitFrames, steps.length, steps.length, 2 * steps.length, 'explicit frame', progress, generation));
  const bound = explicitStepBoundForImage(planes.height, planes.width);
  return { times: steps, frames, explicitFrames, hcnet: { alpha, blockAlpha, k, ...bound } };
}

async function fullResSpectral(planes: ImagePlanes, req: FullResRequest, progress: Progress, generation: number) {
  const { mode } = req;
  let k: number | Float32Array;
  let learned: FullResResult['learned'];
  if (mode.kind === 'learned') {
    const view = mode.channel === null ? { kind: 'mean' as const } : { kind: 'channel' as const, channel: mode.channel };
    const map = await learnedDiffusivityOnGrid(need().model, mode.stage, mode.block, planes.height, planes.width, view);
    if (!map) throw new EngineStateError('learned k', 'this model has none (HcNet): use its explicit steps', 'unsupported');
    const [min, max] = valueRange(map.data);
    k = map.data;
    learned = { min, max, trainedSide: map.trainedSide, channels: map.channels };
  } else if (mode.kind === 'uniform') {
    k = mode.k;
  } else {
    throw new EngineStateError('full-resolution heat', `not a spectral mode: ${mode.kind}`);
  }
  const times = logTimes(req.frames);
  const frames: Uint8ClampedArray[] = [];
  const rate = rateOnImageGrid(planes.height, planes.width, k);
  try {
    await visitDiffusedFrames(planes, rate, times, rgbaCollector(frames, times.length, 0, times.length, 'frame', progress, generation));
  } finally {
    rate.dispose();
  }
  return { times, frames, learned };
}

/** The current image at its own resolution (long side capped at req.maxSide), diffused: a stack of RGBA frames. */
export async function fullResolutionHeat(req: FullResRequest, progress: Progress): Promise<FullResResult> {
  const t0 = performance.now();
  if (!image) throw new EngineStateError('full-resolution heat', 'no image is loaded');
  if (req.ticket < fullResTicket) throw new EngineStateError('full-resolution heat', 'superseded by a newer request');
  const generation = fullResGeneration;
  const { mode } = req;
  progress(0, 'reading the image');
  const planes = imagePlanes(image.rgba, req.maxSide);
  const result = mode.kind === 'hcnet'
    ? await fullResHcNet(planes, req, mode.stage, mode.block, mode.alphaScale, progress, generation)
    : await fullResSpectral(planes, req, progress, generation);
  if (generation !== fullResGeneration) throw new EngineStateError('full-resolution heat', 'superseded by a newer request');
  return {
    imageId: inputId, imageName: image.name, sourceWidth: image.rgba.width, sourceHeight: image.rgba.height,
    width: planes.width, height: planes.height, mode, ...result, milliseconds: performance.now() - t0,
  };
}
