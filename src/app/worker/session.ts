// The worker's state and every computation the UI asks for: one loaded model, one decoded image and its
// model input tensor. Everything runs on the active tfjs backend; results come back as plain arrays.
import * as tf from '@tensorflow/tfjs';
import { stageSize, type WeightMap } from '../../engine/config';
import { preprocess, type RgbImage } from '../../engine/image';
import { buildModel } from '../../engine/models/model';
import { randomWeights } from '../../engine/models/randomWeights';
import type { BlockCapture, Diffusivity, ForwardResult, HeatModel } from '../../engine/models/types';
import { heatConduction } from '../../engine/ops/heat/heatConduction';
import { highContributionAreaRatios } from '../../engine/analysis/areaRatio';
import { explicitHeatStep, explicitStepStability } from '../../engine/analysis/hcnetStability';
import { loadModelFile, toWebFormat, type LoadedModelFile } from '../../engine/weights';
import { logNormalise, reduceChannels } from './channelMaps';
import { decodeImageBytes } from './decodeImage';
import { loadConverted, saveConverted } from './modelCache';
import { RANDOM_MODELS } from './randomModels';
import type {
  BlockThumbs, ChannelMode, ErfResult, HeatFramesResult, ImageInfo, MapStack, ModelInfo, ModelSource,
  PointResponseResult, PredictResult, SpectrumResult,
} from './protocol';

export type Progress = (fraction: number, label: string) => void;

/** Thresholds of the area ratios shown beside the ERF. */
export const ERF_THRESHOLDS = [0.2, 0.5, 0.99];

/** Model files larger than this are not downloaded or read (vHeat-B is about 350 MB). */
const MAX_MODEL_BYTES = 1024 * 1024 * 1024;

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
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const total = Number(res.headers.get('content-length') ?? 0);
  if (total > MAX_MODEL_BYTES) throw new Error(`${url}: ${total} bytes is over the 1 GiB limit`);
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    got += value.byteLength;
    if (got > MAX_MODEL_BYTES) throw new Error(`${url}: over the 1 GiB limit`);
    if (total > 0) progress?.(got / total, 'downloading');
  }
  const out = new Uint8Array(got);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}

function fileId(name: string, size: number): string {
  return `file:${name}:${size}`;
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
      if (!row) throw new Error(`the converted model ${source.id} is no longer in the browser cache`);
      const m = await loadModelFile(row.data, `${row.title}.safetensors`, { onProgress: (f) => progress(f, 'reading') });
      return { m, id: source.id, title: row.title };
    }
    case 'file': {
      const { file } = source;
      if (file.size > MAX_MODEL_BYTES) throw new Error(`${file.name}: ${file.size} bytes is over the 1 GiB limit`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const m = await loadModelFile(bytes, file.name, { onProgress: (f) => progress(f * 0.8, 'converting') });
      const id = fileId(file.name, file.size);
      const title = file.name.replace(/\.(pth|pt|safetensors)$/i, '');
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
      if (!spec) throw new Error(`unknown random model ${source.id}`);
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

function rebuildInput(): void {
  inputId++;
  input?.dispose();
  input = null;
  if (image && current) {
    const p = preprocess(image.rgba, current.info.preprocessing);
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
  const info: ModelInfo = {
    id, title, config: m.config, parameters: model.numParameters(), labels: m.labels,
    preprocessing: m.preprocessing, provenance: m.provenance,
    stageSides: m.config.dims.map((_, i) => stageSize(s, i)),
  };
  current?.model.dispose();
  current = { model, info, weights: m.weights };
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
  const rgba = await decodeImageBytes(bytes, name); // throws ImageInputError; the previous image stays
  image = { rgba, name };
  rebuildInput();
  return currentImageInfo()!;
}

export async function setImageFromUrl(url: string, name: string): Promise<ImageInfo> {
  return setImage(await fetchBytes(url), name);
}

function need(): { model: HeatModel; info: ModelInfo; x: tf.Tensor4D } {
  if (!current) throw new Error('no model is loaded');
  if (!input) throw new Error('no image is loaded');
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
  r.logits.dispose();
  r.stages.forEach((t) => t.dispose());
  for (const b of r.blocks) {
    for (const t of [b.input, b.phi, b.rate, b.heatOut, b.alpha, b.output]) t?.dispose();
  }
}

async function withCapture<T>(diffusivity: Diffusivity, fn: (r: ForwardResult) => Promise<T>): Promise<T> {
  const { model, x } = need();
  const r = model.forward(x, { diffusivity, capture: true });
  try {
    return await fn(r);
  } finally {
    disposeForward(r);
  }
}

function findBlock(r: ForwardResult, stage: number, block: number): BlockCapture {
  const b = r.blocks.find((c) => c.stage === stage && c.block === block);
  if (!b) throw new Error(`the model has no block ${block} in stage ${stage}`);
  return b;
}

async function download(t: tf.Tensor): Promise<Float32Array> {
  return (await t.data()) as Float32Array;
}

export async function blockThumbs(stage: number, diffusivity: Diffusivity): Promise<BlockThumbs> {
  return withCapture(diffusivity, async (r) => {
    const blocks = r.blocks.filter((b) => b.stage === stage).sort((a, b) => a.block - b.block);
    const maps: MapStack[] = [];
    for (const b of blocks) {
      const [, h, w, c] = b.output.shape;
      maps.push(reduceChannels([await download(b.output)], h, w, c, { kind: 'energy' }));
    }
    const first = maps[0];
    const data = new Float32Array(maps.reduce((n, m) => n + m.data.length, 0));
    let o = 0;
    for (const m of maps) {
      data.set(m.data, o);
      o += m.data.length;
    }
    return { stage, blocks: { frames: maps.length, height: first?.height ?? 0, width: first?.width ?? 0, channels: 1, data } };
  });
}

/** Repeated explicit steps of HcNet's heat-conduction layer on each channel of x (h x w x c). */
function explicitSteps(x: Float32Array, h: number, w: number, c: number, alpha: Float32Array, steps: number[]): Float32Array[] {
  const n = h * w;
  const maxSteps = Math.max(...steps);
  const channelMaps: Float64Array[] = [];
  for (let j = 0; j < c; j++) {
    const m = new Float64Array(n);
    for (let p = 0; p < n; p++) m[p] = x[p * c + j];
    channelMaps.push(m);
  }
  const frames: Float32Array[] = [];
  const snapshot = () => {
    const f = new Float32Array(n * c);
    for (let j = 0; j < c; j++) for (let p = 0; p < n; p++) f[p * c + j] = channelMaps[j][p];
    return f;
  };
  const wanted = new Set(steps);
  const byStep = new Map<number, Float32Array>();
  if (wanted.has(0)) byStep.set(0, snapshot());
  for (let s = 1; s <= maxSteps; s++) {
    for (let j = 0; j < c; j++) channelMaps[j] = explicitHeatStep(channelMaps[j], h, w, alpha[j]);
    if (wanted.has(s)) byStep.set(s, snapshot());
  }
  for (const s of steps) frames.push(byStep.get(s)!);
  return frames;
}

export async function heatFrames(stage: number, block: number, diffusivity: Diffusivity, mode: ChannelMode, times: number[]): Promise<HeatFramesResult> {
  const family = need().info.config.family;
  return withCapture(diffusivity, async (r) => {
    const b = findBlock(r, stage, block);
    if (family === 'vheat') {
      if (!b.phi || !b.rate || b.scale === undefined) throw new Error('the model did not capture phi/rate for this block');
      const [, h, w, c] = b.phi.shape;
      const phi = b.phi.slice([0, 0, 0, 0], [1, h, w, c]);
      const stack = tf.tidy(() => tf.concat(times.map((t) => heatConduction(phi, b.rate!, b.scale! * t)), 0));
      phi.dispose();
      const all = await download(stack);
      stack.dispose();
      const frames = times.map((_, i) => all.subarray(i * h * w * c, (i + 1) * h * w * c));
      return { family, times, maps: reduceChannels(frames, h, w, c, mode), channels: c, scale: b.scale };
    }
    if (!b.alpha) throw new Error('the model did not capture alpha for this block');
    const [, h, w, c] = b.input.shape;
    const x = (await download(b.input)).subarray(0, h * w * c);
    const alpha = await download(b.alpha);
    const steps = times.map((t) => Math.max(0, Math.round(t)));
    const frames = explicitSteps(x, h, w, c, alpha.subarray(0, c), steps);
    const st = explicitStepStability(alpha.subarray(0, c), h, w);
    let maxAlpha = 0;
    for (let j = 0; j < c; j++) maxAlpha = Math.max(maxAlpha, alpha[j]);
    return {
      family, times: steps, maps: reduceChannels(frames, h, w, c, mode), channels: c,
      stability: { alphaMax: st.alphaMax, maxAlpha, firstUnstableScale: st.firstUnstableScale, unstableChannels: st.unstableChannels.length },
    };
  });
}

function meanOrChannel(data: Float32Array, n: number, c: number, channel: number | null): Float32Array {
  const out = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    if (channel !== null) out[p] = data[p * c + Math.min(Math.max(channel, 0), c - 1)];
    else {
      let s = 0;
      for (let j = 0; j < c; j++) s += data[p * c + j];
      out[p] = s / c;
    }
  }
  return out;
}

export async function spectrum(stage: number, block: number, channel: number | null): Promise<SpectrumResult> {
  const { model, info } = need();
  const side = info.stageSides[stage];
  const finish = (values: Float32Array, h: number, w: number, quantity: SpectrumResult['quantity']): SpectrumResult => {
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const data = values.map((v) => (max > min ? (v - min) / (max - min) : 0.5));
    return { map: { frames: 1, height: h, width: w, channels: 1, data }, min, max, quantity };
  };
  if (info.config.family === 'vheat') {
    const k = model.diffusivity(stage, block, side, side);
    if (k) {
      const [h, w, c] = k.shape;
      const d = await download(k);
      k.dispose();
      return finish(meanOrChannel(d, h * w, c, channel), h, w, 'k');
    }
  }
  const ones: Diffusivity = { global: 1, perStage: info.config.dims.map(() => 1) };
  return withCapture(ones, async (r) => {
    const b = findBlock(r, stage, block);
    if (b.rate) {
      const [h, w, c] = b.rate.shape;
      return finish(meanOrChannel(await download(b.rate), h * w, c, channel), h, w, 'rate');
    }
    if (!b.alpha) throw new Error('this block has neither a rate map nor an alpha');
    const c = b.alpha.shape[3];
    return finish((await download(b.alpha)).slice(0, c), 1, c, 'alpha');
  });
}

function signedMap(values: Float32Array, h: number, w: number): MapStack {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  const data = values.map((v) => (m > 0 ? 0.5 + 0.5 * (v / m) : 0.5));
  return { frames: 1, height: h, width: w, channels: 1, data, signed: true };
}

export async function pointResponse(stage: number, block: number, diffusivity: Diffusivity, row: number, col: number, channel: number | null): Promise<PointResponseResult> {
  const family = need().info.config.family;
  return withCapture(diffusivity, async (r) => {
    const b = findBlock(r, stage, block);
    const [, h, w, c] = b.input.shape;
    const rr = Math.min(Math.max(Math.floor(row), 0), h - 1);
    const cc = Math.min(Math.max(Math.floor(col), 0), w - 1);
    const delta = new Float32Array(h * w * c);
    for (let j = 0; j < c; j++) delta[(rr * w + cc) * c + j] = 1;
    let response: Float32Array;
    if (family === 'vheat') {
      if (!b.rate || b.scale === undefined) throw new Error('the model did not capture the rate map');
      const out = tf.tidy(() => heatConduction(tf.tensor4d(delta, [1, h, w, c]), b.rate!, b.scale!));
      response = await download(out);
      out.dispose();
    } else {
      if (!b.alpha) throw new Error('the model did not capture alpha');
      response = explicitSteps(delta, h, w, c, (await download(b.alpha)).subarray(0, c), [1])[0];
    }
    return { map: signedMap(meanOrChannel(response, h * w, c, channel), h, w), row: rr, col: cc };
  });
}

/** Sum over RGB of |d(sum_c Y[c, p]) / dX| for the stage output position p, over the model input. */
async function erfGradient(model: HeatModel, x: tf.Tensor4D, stage: number, pr: number, pc: number, diffusivity: Diffusivity): Promise<Float32Array> {
  const g = tf.tidy(() => {
    const f = (inp: tf.Tensor) => model.forwardToStage(inp as tf.Tensor4D, stage, { diffusivity }).slice([0, pr, pc, 0], [1, 1, 1, -1]).sum();
    const grad = tf.grad(f)(x);
    return grad.abs().sum(3);
  });
  const d = await download(g);
  g.dispose();
  return d;
}

function erfResult(g: Float32Array, s: number, row: number, col: number, images: number, t0: number): ErfResult {
  const map = logNormalise(g);
  const ratios = highContributionAreaRatios(map, s, s, { row, col }, ERF_THRESHOLDS).map((a) => ({ threshold: a.threshold, areaRatio: a.areaRatio }));
  return { map: { frames: 1, height: s, width: s, channels: 1, data: map }, row, col, ratios, images, milliseconds: performance.now() - t0 };
}

/**
 * The stage position whose receptive-field centre is nearest to input pixel (row, col), and that centre.
 * Every stride-2, pad-1, 3x3 convolution maps output i to the input window centred on 2i, so position p
 * of stage `stage` is centred on input pixel p * 2^(stage + 2).
 */
function stagePosition(s: number, side: number, stage: number, row: number, col: number) {
  const stride = 2 ** (stage + 2);
  const pr = Math.min(side - 1, Math.max(0, Math.round(row / stride)));
  const pc = Math.min(side - 1, Math.max(0, Math.round(col / stride)));
  return { pr, pc, row: Math.min(s - 1, pr * stride), col: Math.min(s - 1, pc * stride) };
}

export async function erf(stage: number, row: number, col: number, diffusivity: Diffusivity): Promise<ErfResult> {
  const t0 = performance.now();
  const { model, info, x } = need();
  const s = info.preprocessing.inputSize;
  const p = stagePosition(s, info.stageSides[stage], stage, row, col);
  const g = await erfGradient(model, x, stage, p.pr, p.pc, diffusivity);
  return erfResult(g, s, p.row, p.col, 1, t0);
}

/** The paper's ERF: centre position, gradients averaged over several images. */
export async function erfAverage(stage: number, urls: string[], diffusivity: Diffusivity, progress: Progress): Promise<ErfResult> {
  const t0 = performance.now();
  if (!current) throw new Error('no model is loaded');
  const { model, info } = current;
  const s = info.preprocessing.inputSize;
  const p = stagePosition(s, info.stageSides[stage], stage, s / 2, s / 2);
  const sum = new Float32Array(s * s);
  for (let i = 0; i < urls.length; i++) {
    progress(i / urls.length, `image ${i + 1} of ${urls.length}`);
    const rgba = await decodeImageBytes(await fetchBytes(urls[i]), urls[i]);
    const pre = preprocess(rgba, info.preprocessing);
    const x = tf.tensor4d(pre.data, pre.shape);
    try {
      const g = await erfGradient(model, x, stage, p.pr, p.pc, diffusivity);
      for (let j = 0; j < g.length; j++) sum[j] += g[j] / urls.length;
    } finally {
      x.dispose();
    }
  }
  progress(1, 'done');
  return erfResult(sum, s, p.row, p.col, urls.length, t0);
}

/** After a lost device: every tensor is gone; rebuild the model and the input on the new backend. */
export function rebuildAfterDeviceLoss(): void {
  if (!current) return;
  const { info, weights } = current;
  current = { model: buildModel(info.config, weights), info, weights };
  input = null;
  rebuildInput();
}

/** Tensors alive in tfjs (for leak checks from tests). */
export function liveTensors(): number {
  return tf.memory().numTensors;
}
