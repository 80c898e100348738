// Messages between the UI thread and the engine worker. Every request gets exactly one response with
// the same id; long requests may send progress events first. Large arrays travel as transferables.
import type { ErrorCode } from '../../engine/errors';
import type { ModelConfig, Preprocessing } from '../../engine/config';
import type { DiffusivityScale } from '../../engine/models/types';

export type { DiffusivityScale };

/** Model file extensions the app opens (dropped or picked): PyTorch checkpoints and the web format. */
const MODEL_FILE_EXTENSIONS = ['pth', 'pt', 'safetensors'];
/** A model file's name (anything else dropped is tried as an image). */
export const MODEL_FILE = new RegExp(`\\.(${MODEL_FILE_EXTENSIONS.join('|')})$`, 'i');
/** The model files, for a file input's accept attribute. */
export const MODEL_FILE_ACCEPT = MODEL_FILE_EXTENSIONS.map((e) => `.${e}`).join(',');

/** Key in the browser cache (IndexedDB, worker side) of the model converted from a dropped file. */
export function convertedFileKey(name: string, size: number): string {
  return `file:${name}:${size}`;
}

const CACHED_MODEL_PREFIX = 'cached:';

/** Model id (picker, URL) of a converted model in the browser cache, from its cache key. */
export function cachedModelId(cacheKey: string): string {
  return `${CACHED_MODEL_PREFIX}${cacheKey}`;
}

/** The cache key inside a cached model's id; null for any other model id. */
export function cacheKeyOfModelId(id: string): string | null {
  return id.startsWith(CACHED_MODEL_PREFIX) ? id.slice(CACHED_MODEL_PREFIX.length) : null;
}

export type BackendName = 'webgpu' | 'wasm' | 'cpu';

/** 'auto': the kernel-choice table decides; 'webgpu': WebGPU whenever there is an adapter (?backend=webgpu). */
export type BackendPreference = 'auto' | 'webgpu';

/**
 * Words the worker sends for the page to show (progress labels, the backend's reasons): a key of the page's 'worker'
 * catalogue and its values, which may be words themselves. The worker has no language: the page translates when it
 * shows them (src/app/i18n/workerText.ts), so what the worker says follows the page's language and its switch.
 */
export interface WorkerWords {
  key: string;
  values?: Record<string, string | number | WorkerWords>;
}

/** The backend as the worker reports it (its reasons as words); the page shows it as a BackendInfo. */
export interface BackendReport extends Omit<BackendInfo, 'webgpuUnavailable' | 'cpuPreferred'> {
  webgpuUnavailable?: WorkerWords;
  cpuPreferred?: WorkerWords;
}

export interface BackendInfo {
  backend: BackendName;
  /** Adapter description, e.g. "google / swiftshader / SwiftShader Device (Subzero)". Empty off WebGPU. */
  adapter: string;
  /** A software or fallback adapter (SwiftShader, llvmpipe, WARP, isFallbackAdapter). */
  softwareAdapter: boolean;
  /** Why WebGPU is not used, when it is not (in the page's language). */
  webgpuUnavailable?: string;
  /** WebGPU works here but the CPU path was chosen as faster on its adapter: why, naming the adapter (in the page's language). */
  cpuPreferred?: string;
  /**
   * On the 'wasm' backend: the threads its matMuls and convs run on (every logical core, 1 to 8, and only in a
   * cross-origin isolated page: engine/backend/cpuThreads.ts), and whether the page is isolated.
   */
  cpuThreads?: { count: number; crossOriginIsolated: boolean };
}

export interface BundledModelEntry {
  id: string;
  file: string;
  title: string;
  family: ModelConfig['family'];
  /** The kind of sample image from the model's own data set (samples/photos/index.json 'kind'), shown first. */
  samples?: string;
}

/** Where a model comes from: a bundled file, a converted file in the browser cache, or a dropped file. */
export type ModelSource =
  | { kind: 'bundled'; entry: BundledModelEntry }
  | { kind: 'cached'; id: string }
  | { kind: 'file'; file: File }
  | { kind: 'random'; id: string };

/** Where an image comes from: a dropped, picked or pasted file, or a URL (samples). */
export type ImageSource = { kind: 'file'; file: Blob; name: string } | { kind: 'url'; url: string; name: string };

export interface ModelInfo {
  id: string;
  title: string;
  config: ModelConfig;
  parameters: number;
  labels: string[];
  preprocessing: Preprocessing;
  provenance: Record<string, string>;
  /** Stage map sides at the model's input size. */
  stageSides: number[];
}

export interface CachedModel {
  id: string;
  title: string;
  bytes: number;
  savedAt: string;
}

export interface ImageInfo {
  /** Increases with every image (and model) change in the worker: results carry the id they belong to. */
  id: number;
  name: string;
  width: number;
  height: number;
  /** The model input (after preprocessing), de-normalised to RGBA for display: inputSize^2 * 4. */
  modelInput: Uint8ClampedArray;
  inputSize: number;
}

export interface Prediction {
  index: number;
  label: string;
  probability: number;
}

export interface PredictResult {
  /** ImageInfo.id of the input this was computed on. */
  imageId: number;
  top: Prediction[];
  /** Sum of all class probabilities (a sanity check shown in tests). */
  probabilitySum: number;
  milliseconds: number;
}

/** conducting: energy over the channels that conduct (k > 0 somewhere; vHeat only, HcNet shows all channels' energy). */
export type ChannelMode = { kind: 'conducting' } | { kind: 'energy' } | { kind: 'channel'; channel: number } | { kind: 'pca' };

/** The mode the heat view opens in: the diffusion that happens (energy over the conducting channels). */
export const DEFAULT_CHANNEL_MODE: ChannelMode = { kind: 'conducting' };

/** A stack of maps: frames x height x width x (1 or 3 channels), values in [0, 1]. */
export interface MapStack {
  frames: number;
  height: number;
  width: number;
  channels: 1 | 3;
  data: Float32Array;
  /** Values are signed, mapped so that 0.5 is zero (draw with a diverging colour map). */
  signed?: boolean;
  /** 1-channel maps: the real values that display 0 and 1 stand for (the colour bar's ends). */
  range?: [number, number];
  /** 1-channel stacks on a shared scale: each frame's own [min, max], in display units (0..1). */
  frameRanges?: [number, number][];
}

export interface HeatFramesResult {
  family: 'vheat' | 'hcnet';
  /** vHeat: times t (multiples of the block's own step); HcNet: explicit step counts. */
  times: number[];
  maps: MapStack;
  /** Channels of the block. */
  channels: number;
  /** vHeat: s = global * perStage[stage] used at t = 1. */
  scale?: number;
  /** Share of the map's cells whose displayed value moves by more than 2 % of the colour range between the first and
   *  last time, with one colour scale for all times (shared) and with each frame on its own (perFrame). */
  changed: { shared: number; perFrame: number };
  /** conducting mode (vHeat): how many channels the energy is taken over. */
  conductingChannels?: number;
  /** HcNet: stability of the explicit step at the current diffusivity. */
  stability?: { alphaMax: number; maxAlpha: number; firstUnstableScale: number; unstableChannels: number };
}

export interface BlockThumbs {
  stage: number;
  blocks: MapStack;
}

export interface SpectrumResult {
  /** k over (n, m), normalised to [0, 1] for display, with its real range. */
  map: MapStack;
  min: number;
  max: number;
  /** 'k': vHeat's learned diffusivity (multiplier 1); 'alpha': HcNet's per-channel step diffusivity. */
  quantity: 'k' | 'alpha';
}

/** How much each channel of a block conducts (vHeat: mean learned k over the block's frequencies; HcNet: alpha). */
export interface ChannelConductionResult {
  quantity: 'k' | 'alpha';
  /** Per channel, in the model's order. */
  mean: number[];
  conducts: boolean[];
}

/** One H x W picture of the operator's steps, row-major, with its [min, max]. */
export interface OperatorPictureData {
  data: Float32Array;
  range: [number, number];
}

/** vHeat's operator on the block's real input at time t: u0, log10|DCT|, the decay mask, their product, u(t). */
export interface OperatorStepsResult {
  height: number;
  width: number;
  t: number;
  /** The channels pictured (one, or the conducting ones). */
  channels: number[];
  signed: boolean;
  input: OperatorPictureData;
  coefficients: OperatorPictureData;
  mask: OperatorPictureData;
  product: OperatorPictureData;
  output: OperatorPictureData;
}

/** Frequency (n, m): its cosine pattern [H, W] and the mean decay exp(-s k w^2 t) over `times`. */
export interface FrequencyDecayResult {
  n: number;
  m: number;
  height: number;
  width: number;
  pattern: Float32Array;
  times: number[];
  decay: number[];
}

export interface PointResponseResult {
  map: MapStack;
  row: number;
  col: number;
}

export interface ErfResult {
  /** log10(1 + g) / max, over the model input (inputSize x inputSize). */
  map: MapStack;
  /** Input pixel of the chosen output position's centre. */
  row: number;
  col: number;
  /**
   * Area ratio per threshold (0.2, 0.3, 0.5, 0.99): the smallest square around (row, col) holding that share of the
   * map's total, as a share of the image; box: that square, [top, left, bottom, right) in input pixels.
   */
  ratios: { threshold: number; areaRatio: number; box: [number, number, number, number] }[];
  /** Images averaged (1 for a single image). */
  images: number;
  milliseconds: number;
  stage: number;
  /** The stage-map cell whose receptive field this is. */
  stagePosition: { row: number; col: number };
  /** Largest g before the log-normalisation (the colour 1 is log10(1 + this)). */
  maxContribution: number;
  /** Blocks of `stage` the output is taken after: all of them for the stage ERF; 0 at stage 0 is after the stem. */
  blocks: number;
}

/** One model's column of the comparison view. */
export interface ComparisonErf {
  id: string;
  title: string;
  family: ModelConfig['family'];
  erf: ErfResult;
}

/** The ERF of one point (or the sample average) in every bundled model of a domain, in the entries' order. */
export interface ComparisonResult {
  columns: ComparisonErf[];
}

/** What drives the full-resolution diffusion of the image (its own pixels, not the model input). */
export type FullResMode =
  | { kind: 'uniform'; k: number }
  /** A vHeat block's operator carried to the image's grid (channel null: mean over channels), at the diffusivity scale. */
  | { kind: 'learned'; stage: number; block: number; channel: number | null; diffusivity: DiffusivityScale }
  /** An HcNet block's explicit steps (alpha: the block's mean alpha on the model input, times alphaScale) beside the spectral solution. */
  | { kind: 'hcnet'; stage: number; block: number; alphaScale: number };

export interface FullResRequest {
  mode: FullResMode;
  /** Long-side cap of the diffused image (the image is box-averaged down to it). */
  maxSide: number;
  /** Frames: t = 0 and frames - 1 log-spaced times (vHeat, uniform) or step counts (HcNet). */
  frames: number;
  /** HcNet: the most explicit steps (the last frame). */
  maxSteps: number;
  /** Increasing per client: a request whose ticket is not the newest the worker has received is dropped. */
  ticket: number;
}

export interface FullResResult {
  imageId: number;
  imageName: string;
  /** The decoded image's own size, and the size it was diffused at (<= maxSide on the long side). */
  sourceWidth: number;
  sourceHeight: number;
  width: number;
  height: number;
  mode: FullResMode;
  /** Per frame: t (uniform, learned) or the explicit step count (hcnet). */
  times: number[];
  /** RGBA (width * height * 4) per frame: the spectral solution. */
  frames: Uint8ClampedArray[];
  /** HcNet: RGBA per frame of the explicit steps, same step counts. */
  explicitFrames?: Uint8ClampedArray[];
  /** learned: range of the fitted k over (n, m), the trained map side and the block's channels. */
  learned?: { min: number; max: number; trainedSide: number; channels: number; scale: number; blockRange: [number, number] };
  /** hcnet: alpha used, the equivalent k = 3 alpha / 8 of the spectral side, and the step's stability bound. */
  hcnet?: { alpha: number; blockAlpha: number; k: number; alphaMax: number; proxyHeight: number; proxyWidth: number };
  milliseconds: number;
}

/**
 * A model load's structured progress (like transformers.js): 'initiate' when the load of `file` starts, 'download'
 * when its download starts (bundled models), 'progress' as its bytes come in (downloaded, or read from a dropped
 * file or the browser cache), 'done' when the model is ready. `loaded` never decreases between 'initiate' and
 * 'done'; `total` is 0 while unknown. Every progress message of a load carries a fraction that never decreases.
 */
export interface LoadProgressEvent {
  stage: 'initiate' | 'download' | 'progress' | 'done';
  file: string;
  loaded: number;
  total: number;
}

/** Forward passes the worker ran since it started (tests count them: one slider step, one forward). */
export interface PassCounts {
  /** Whole forward passes (model.forward, with captures: the forward cache's misses). */
  forward: number;
  /** model.predict (logits only; the worker takes logits from the forward cache, so this stays 0). */
  predict: number;
  /** Passes to a stage or block under a gradient tape (the ERF: forwardToStage / forwardToBlock). */
  partial: number;
}

export interface RequestMap {
  init: { req: { prefer?: BackendPreference }; res: BackendReport };
  listCachedModels: { req: Record<string, never>; res: CachedModel[] };
  deleteCachedModel: { req: { id: string }; res: CachedModel[] };
  loadModel: { req: { source: ModelSource }; res: { model: ModelInfo; image: ImageInfo | null } };
  setImage: { req: { source: ImageSource }; res: ImageInfo };
  predict: { req: { diffusivity: DiffusivityScale }; res: PredictResult };
  blockThumbs: { req: { stage: number; diffusivity: DiffusivityScale }; res: BlockThumbs };
  heatFrames: { req: { stage: number; block: number; diffusivity: DiffusivityScale; mode: ChannelMode; times: number[] }; res: HeatFramesResult };
  spectrum: { req: { stage: number; block: number; channel: number | null }; res: SpectrumResult };
  /** channel null: mean over the channels (conducting: over those that conduct); t: vHeat's time (default 1, the block). */
  pointResponse: {
    req: { stage: number; block: number; diffusivity: DiffusivityScale; row: number; col: number; channel: number | null; conducting?: boolean; t?: number };
    res: PointResponseResult;
  };
  channelConduction: { req: { stage: number; block: number; diffusivity: DiffusivityScale }; res: ChannelConductionResult };
  /** channel null: the conducting channels' RMS. */
  operatorSteps: { req: { stage: number; block: number; diffusivity: DiffusivityScale; channel: number | null; t: number }; res: OperatorStepsResult };
  frequencyDecay: { req: { stage: number; block: number; diffusivity: DiffusivityScale; channel: number | null; n: number; m: number; times: number[] }; res: FrequencyDecayResult };
  /** ERF of the stage cell nearest to input pixel (row, col), after `blocks` blocks of the stage (default: all). */
  erf: { req: { stage: number; row: number; col: number; diffusivity: DiffusivityScale; blocks?: number }; res: ErfResult };
  erfAverage: { req: { stage: number; urls: string[]; diffusivity: DiffusivityScale }; res: ErfResult };
  /** The ERF of one point of the current image in each listed bundled model (loaded apart from the page's model). */
  comparisonErf: { req: { entries: BundledModelEntry[]; stage: number; row: number; col: number; side: number; diffusivity: DiffusivityScale }; res: ComparisonResult };
  comparisonErfAverage: { req: { entries: BundledModelEntry[]; stage: number; urls: string[]; diffusivity: DiffusivityScale }; res: ComparisonResult };
  /** The image at its own resolution (capped), diffused: a stack of RGBA frames. */
  fullResHeat: { req: FullResRequest; res: FullResResult };
  /** Tensors alive in the worker's tfjs engine (leak checks). */
  memory: { req: Record<string, never>; res: EngineMemory };
  /** Destroys the WebGPU device as a driver reset would (tests of the recovery path). */
  simulateDeviceLoss: { req: Record<string, never>; res: { destroyed: boolean } };
  /** Throws outside any request, as a bug or a crash in the worker would (tests of the restart path). */
  simulateWorkerFailure: { req: Record<string, never>; res: Record<string, never> };
}

export type RequestType = keyof RequestMap;

export interface EngineMemory {
  numTensors: number;
  backend: string;
  /** Forward passes held by the forward cache (at most FORWARD_CACHE_ENTRIES), and the passes run so far. */
  cachedForwards?: number;
  passes?: PassCounts;
}

export interface WorkerRequest<K extends RequestType = RequestType> {
  id: number;
  type: K;
  payload: RequestMap[K]['req'];
}

export interface SerializedError {
  name: string;
  message: string;
  file?: string;
  reason?: string;
  /** The error's code (src/engine/errors.ts: an InputError's, or 'internal', 'unavailable'...). */
  code?: ErrorCode;
}

export type WorkerMessage =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: SerializedError }
  | { kind: 'progress'; id: number; fraction: number; label: WorkerWords; event?: LoadProgressEvent }
  /** The device's own message (technical, as the browser gives it; empty when it gives none). */
  | { kind: 'deviceLost'; message: string };
