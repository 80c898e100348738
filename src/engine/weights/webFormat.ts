// The web format: one .safetensors file whose __metadata__ holds the model config, class labels,
// preprocessing and provenance (all JSON strings), tensors under their official state-dict names
// in the official order, stored as F32 or (optionally) F16 and always computed in float32.

import { IMAGENET_PREPROCESSING, type ModelConfig, type Preprocessing, type WeightMap } from '../config';
import { stateDictSpec } from '../stateDict';
import { quoted } from '../errors';
import {
  MAX_ABS_MEAN, MAX_CHANNELS, MAX_CLASSES, MAX_DEPTH, MAX_INPUT_SIZE, MAX_RESIZE_TO, MAX_STD, MAX_TRAIN_RESOLUTION, MIN_INPUT_SIZE, MIN_STD,
} from '../limits';
import { WeightFileError, check } from './errors';
import { floatsToHalves } from './float16';
import type { SafetensorsFile, TensorToWrite } from './safetensors';

export const WEB_FORMAT_VERSION = '1';
const MAX_LABELS = MAX_CLASSES;
const MAX_LABEL_CHARS = 1000;
const MAX_PROVENANCE_ENTRIES = 64;

export interface WebMetadata {
  config?: ModelConfig;
  labels?: string[];
  preprocessing?: Preprocessing;
  provenance?: Record<string, string>;
}

/** Eval preprocessing for a model trained at `side` (ImageNet recipe: resize to int(256/224*S), crop S). */
export function defaultPreprocessing(side: number): Preprocessing {
  return { ...IMAGENET_PREPROCESSING, inputSize: side, resizeTo: Math.floor((256 / 224) * side) };
}

function parseJson(text: string, file: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new WeightFileError(file, `__metadata__ ${what} is not valid JSON`, 'malformed');
  }
}

const isPosInt = (v: unknown, max = 1 << 20): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;
const isIntList = (v: unknown, min: number, max: number): v is number[] =>
  Array.isArray(v) && v.length >= 1 && v.length <= 8 && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max);

/** Validates a config from metadata (untrusted): every field typed and in range. */
export function parseConfig(raw: unknown, file: string): ModelConfig {
  check(typeof raw === 'object' && raw !== null && !Array.isArray(raw), file, '__metadata__ config is not an object');
  const c = raw as Record<string, unknown>;
  const bad = (field: string) => `__metadata__ config.${field} is missing or out of range`;
  const inRange = (ok: boolean, field: string) => check(ok, file, bad(field), 'invalid-value');
  inRange(c.family === 'vheat' || c.family === 'hcnet' || c.family === 'convnext' || c.family === 'vit', 'family');
  inRange(isIntList(c.dims, 2, MAX_CHANNELS), 'dims');
  inRange(isIntList(c.depths, 0, MAX_DEPTH) && (c.depths as number[]).length === (c.dims as number[]).length, 'depths');
  inRange(typeof c.mlpRatio === 'number' && c.mlpRatio > 0 && c.mlpRatio <= 64, 'mlpRatio');
  inRange(isPosInt(c.numClasses, MAX_CLASSES), 'numClasses');
  inRange(isPosInt(c.trainResolution, MAX_TRAIN_RESOLUTION), 'trainResolution');
  const base = {
    dims: [...(c.dims as number[])],
    depths: [...(c.depths as number[])],
    mlpRatio: c.mlpRatio as number,
    numClasses: c.numClasses as number,
    trainResolution: c.trainResolution as number,
  };
  if (c.family === 'hcnet') return { family: 'hcnet', ...base };
  if (c.family === 'convnext') return { family: 'convnext', ...base };
  if (c.family === 'vit') {
    inRange(isPosInt(c.headDim, MAX_CHANNELS), 'headDim');
    return { family: 'vit', ...base, headDim: c.headDim as number };
  }
  for (const f of ['postNorm', 'layerScale', 'inferenceMode']) inRange(typeof c[f] === 'boolean', f);
  return { family: 'vheat', ...base, postNorm: c.postNorm as boolean, layerScale: c.layerScale as boolean, inferenceMode: c.inferenceMode as boolean };
}

export function parsePreprocessing(raw: unknown, file: string): Preprocessing {
  check(typeof raw === 'object' && raw !== null && !Array.isArray(raw), file, '__metadata__ preprocessing is not an object');
  const p = raw as Record<string, unknown>;
  // The same bounds as the command line's --size (limits.ts): a file may not ask for more work than a user can.
  const bad = (field: string) => `__metadata__ preprocessing.${field} is missing or out of range`;
  const inRange = (ok: boolean, field: string) => check(ok, file, bad(field), 'invalid-value');
  const triple = (v: unknown, min: number, max: number) =>
    Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max);
  inRange(isPosInt(p.inputSize, MAX_INPUT_SIZE) && (p.inputSize as number) >= MIN_INPUT_SIZE, 'inputSize');
  inRange(isPosInt(p.resizeTo, MAX_RESIZE_TO), 'resizeTo');
  inRange(triple(p.mean, -MAX_ABS_MEAN, MAX_ABS_MEAN), 'mean');
  inRange(triple(p.std, MIN_STD, MAX_STD), 'std');
  inRange(typeof p.grayscale === 'boolean', 'grayscale');
  inRange(p.interpolation === 'bicubic' || p.interpolation === 'bilinear', 'interpolation');
  return {
    inputSize: p.inputSize as number,
    resizeTo: p.resizeTo as number,
    mean: [...(p.mean as number[])] as [number, number, number],
    std: [...(p.std as number[])] as [number, number, number],
    grayscale: p.grayscale as boolean,
    interpolation: p.interpolation as 'bicubic' | 'bilinear',
  };
}

/** Reads and validates the web-format metadata; absent fields stay undefined (plain safetensors files). */
export function readWebMetadata(st: SafetensorsFile, file: string): WebMetadata {
  const m = st.metadata;
  const out: WebMetadata = {};
  if (m.config !== undefined) out.config = parseConfig(parseJson(m.config, file, 'config'), file);
  if (m.labels !== undefined) {
    const labels = parseJson(m.labels, file, 'labels');
    check(Array.isArray(labels) && labels.length <= MAX_LABELS && labels.every((l) => typeof l === 'string' && l.length <= MAX_LABEL_CHARS), file,
      '__metadata__ labels is not a list of short strings');
    out.labels = labels as string[];
  }
  if (m.preprocessing !== undefined) out.preprocessing = parsePreprocessing(parseJson(m.preprocessing, file, 'preprocessing'), file);
  if (m.provenance !== undefined) {
    const p = parseJson(m.provenance, file, 'provenance');
    check(typeof p === 'object' && p !== null && !Array.isArray(p), file, '__metadata__ provenance is not an object');
    const entries = Object.entries(p as Record<string, unknown>);
    check(entries.length <= MAX_PROVENANCE_ENTRIES && entries.every(([, v]) => typeof v === 'string' && v.length <= 4096), file,
      '__metadata__ provenance is not a small map of strings');
    out.provenance = Object.fromEntries(entries) as Record<string, string>;
  }
  return out;
}

/** fp16 storage keeps a tensor in F32 when half precision would lose it: all values tiny (layer-scale
 *  gammas ~1e-5 are subnormal in fp16), out of fp16 range, or an inference-mode decay map (its log is
 *  taken, so small values need their relative precision). */
function keepsF32(name: string, data: Float32Array): boolean {
  if (name.endsWith('.op.k_exp')) return true;
  let max = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]);
    if (a > max) max = a;
  }
  return max > 65504 || (max > 0 && max < 2 ** -10);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Little-endian bytes of a float32 array: a view on little-endian machines (the writer copies once). */
function f32Bytes(data: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.length * 4);
  const v = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) v.setFloat32(4 * i, data[i], true);
  return out;
}

function f16Bytes(data: Float32Array): Uint8Array {
  const halves = floatsToHalves(data);
  if (LITTLE_ENDIAN) return new Uint8Array(halves.buffer);
  const out = new Uint8Array(data.length * 2);
  const v = new DataView(out.buffer);
  for (let i = 0; i < halves.length; i++) v.setUint16(2 * i, halves[i], true);
  return out;
}

/** Tensors in official order with their storage dtype, and the metadata strings of the web format. */
export function webFormatParts(
  config: ModelConfig,
  weights: WeightMap,
  labels: string[],
  preprocessing: Preprocessing,
  provenance: Record<string, string>,
  fp16: boolean,
): { tensors: TensorToWrite[]; metadata: Record<string, string> } {
  const tensors: TensorToWrite[] = [];
  let halves = 0;
  for (const [name, shape] of stateDictSpec(config)) {
    const t = weights.get(name);
    if (!t) throw new WeightFileError('output .safetensors', `weights lack ${quoted(name)}`, 'mismatch');
    const half = fp16 && !keepsF32(name, t.data);
    if (half) halves++;
    tensors.push({ name, shape, dtype: half ? 'F16' : 'F32', bytes: half ? f16Bytes(t.data) : f32Bytes(t.data) });
  }
  const metadata: Record<string, string> = {
    format: `heat-lab-web/${WEB_FORMAT_VERSION}`,
    config: JSON.stringify(config),
    labels: JSON.stringify(labels),
    preprocessing: JSON.stringify(preprocessing),
    provenance: JSON.stringify({ ...provenance, storage: fp16 ? `fp16 (${halves} of ${tensors.length} tensors; rest f32)` : 'f32' }),
  };
  return { tensors, metadata };
}
