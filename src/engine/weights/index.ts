// Loads a .pth (torch.save zip) or .safetensors (web format) file into a model config,
// weights, labels, preprocessing and provenance; convert to the web format. Runs in Node, in the
// browser and in a Web Worker (Uint8Array, DataView, TextDecoder, crypto.subtle only).

import type { ModelConfig, NamedTensor, Preprocessing, WeightMap } from '../config';
import { quoted } from '../errors';
import { MAX_DECODED_ELEMENTS, MAX_STORAGE_OVERHEAD, MAX_TENSORS_PER_FILE } from '../limits';
import { checkAgainstSpec, detectConfig, hintsFromCheckpoint, selectStateDict, type ConfigHints, type WeightsChoice } from './detect';
import { WeightFileError, check } from './errors';
import imagenet from './imagenetLabels.json';
import { isZip } from './zip';
import { readSafetensors, safetensorToFloat32, writeSafetensors, type SafetensorsTensor } from './safetensors';
import { DTYPE_BYTES, checkTensorStorage, readTensor, readTorchCheckpoint, tensorInfo, type TensorInfo, type TorchCheckpoint } from './torchCheckpoint';
import { defaultPreprocessing, readWebMetadata, webFormatParts } from './webFormat';
import { checkBudget, modelWorkEstimate } from '../budget';
import { isInputError } from '../errors';

export { WeightFileError } from './errors';

export interface LoadedModelFile {
  config: ModelConfig;
  weights: WeightMap;
  labels: string[];
  preprocessing: Preprocessing;
  provenance: Record<string, string>;
}

export interface LoadOptions {
  /** Which weights of a training checkpoint: EMA (default when present) or the plain model. */
  weights?: WeightsChoice;
  /** Overrides vHeat post_norm (not visible in shapes; see detect.ts for the default rule). */
  postNorm?: boolean;
  /** Called with the fraction of tensor bytes decoded, 0..1. */
  onProgress?: (fraction: number) => void;
}

export type FileKind = 'torch-zip' | 'safetensors';

export { MAX_DECODED_ELEMENTS } from '../limits';

/** Decides the format from the bytes (the name only breaks ties); refuses everything else by name. */
export function sniffFormat(bytes: Uint8Array, file: string): FileKind {
  check(bytes.length > 0, file, 'empty file', 'unreadable');
  const b = bytes;
  if (isZip(b)) return 'torch-zip';
  if (b[0] === 0x80 && b.length > 1 && b[1] >= 2 && b[1] <= 5) {
    throw new WeightFileError(file, 'legacy (non-zip, PyTorch < 1.6) torch.save format is unsupported: re-save it with torch.save in PyTorch >= 1.6', 'unsupported');
  }
  const other = (what: string) => new WeightFileError(file, what, 'unknown-format');
  if (b[0] === 0x1f && b[1] === 0x8b) throw other('a gzip-compressed file: decompress it first');
  if (b.length > 262 && new TextDecoder().decode(b.subarray(257, 262)) === 'ustar') throw other('a tar archive: extract the checkpoint first');
  if (b[0] === 0x37 && b[1] === 0x7a && b[2] === 0xbc && b[3] === 0xaf) throw other('a 7z archive: extract the checkpoint first');
  if (b[0] === 0x52 && b[1] === 0x61 && b[2] === 0x72 && b[3] === 0x21) throw other('a rar archive: extract the checkpoint first');
  if ((b.length >= 9 && b[8] === 0x7b) || /\.safetensors$/i.test(file)) return 'safetensors';
  const head = b.subarray(0, 512);
  const texty = head.every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 127));
  if (texty) throw other('a text file, not a checkpoint (expected a torch.save .pth zip or a .safetensors file)');
  throw other('unrecognised file format (expected a torch.save .pth zip or a .safetensors file)');
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Class names: ImageNet-1k for 1000-class models, else `class i`. */
export function defaultLabels(numClasses: number): string[] {
  if (numClasses === imagenet.labels.length) return [...imagenet.labels];
  return Array.from({ length: numClasses }, (_, i) => `class ${i}`);
}

function postNormSource(config: ModelConfig, opts: LoadOptions, hints: ConfigHints): string {
  if (config.family !== 'vheat') return 'n/a';
  if (opts.postNorm !== undefined) return 'option';
  if (hints.postNorm !== undefined) return 'checkpoint config (MODEL.VHEAT.POST_NORM)';
  return 'official rule (post_norm = layer_scale)';
}

/** Refuses NaN and infinite weights: a file that holds them is broken, whichever command reads it. */
function checkFinite(name: string, data: Float32Array, file: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) throw new WeightFileError(file, `tensor ${quoted(name)} holds ${Number.isNaN(v) ? 'NaN' : 'an infinite value'} (element ${i})`, 'invalid-value');
  }
}

/** Checks every record of the chosen state dict (metadata, storage size, one dtype per storage) before anything is decoded. */
function checkRecords(ckpt: TorchCheckpoint, tensors: Map<string, import('./pickle').TensorRecord>, file: string): Map<string, TensorInfo> {
  check(tensors.size <= MAX_TENSORS_PER_FILE, file, `state dict has ${tensors.size} tensors (limit ${MAX_TENSORS_PER_FILE})`, 'too-large');
  const infos = new Map<string, TensorInfo>();
  const byKey = new Map<string, TensorInfo>();
  for (const [name, rec] of tensors) {
    const info = tensorInfo(rec, file);
    checkTensorStorage(ckpt, info);
    const seen = byKey.get(info.key);
    check(!seen || (seen.dtype === info.dtype && seen.storageNumel === info.storageNumel), file,
      () => `storage data/${info.key} is read as ${seen!.dtype} [${seen!.storageNumel}] and as ${info.dtype} [${info.storageNumel}]`, 'mismatch');
    byKey.set(info.key, info);
    infos.set(name, info);
  }
  chargeStorages(ckpt, [...infos.values()], file);
  return infos;
}

/** Inflation budget sized from the tensors the file declares: the storages they use, at most
 *  MAX_STORAGE_OVERHEAD times the tensors' own bytes (views of larger tensors), plus 1 MiB. */
function chargeStorages(ckpt: TorchCheckpoint, infos: TensorInfo[], file: string): void {
  const keys = new Map<string, number>();
  let tensorBytes = 0;
  for (const i of infos) {
    keys.set(i.key, i.storageNumel * DTYPE_BYTES[i.dtype]);
    tensorBytes += i.shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[i.dtype];
  }
  const storageBytes = [...keys.values()].reduce((a, b) => a + b, 0);
  check(storageBytes <= MAX_STORAGE_OVERHEAD * tensorBytes + (1 << 20), file,
    `its storages hold ${storageBytes} bytes for ${tensorBytes} bytes of tensors (padded storages?)`, 'too-large');
  const { archive } = ckpt;
  archive.limits = { ...archive.limits, maxTotalInflatedBytes: Math.min(archive.limits.maxTotalInflatedBytes, archive.inflated + storageBytes) };
}

async function loadTorch(bytes: Uint8Array, file: string, opts: LoadOptions): Promise<LoadedModelFile> {
  const ckpt = await readTorchCheckpoint(bytes, file);
  const selected = selectStateDict(ckpt.root, file, opts.weights);
  const infos = checkRecords(ckpt, selected.tensors, file);
  const shapes = new Map([...infos].map(([name, info]) => [name, info.shape]));
  const fileHints = hintsFromCheckpoint(ckpt.root);
  const hints: ConfigHints = { ...fileHints, ...(opts.postNorm !== undefined ? { postNorm: opts.postNorm } : {}) };
  const config = detectConfig(shapes, file, hints);
  const spec = checkAgainstSpec(config, shapes, file);
  const total = [...spec.values()].reduce((a, s) => a + s.reduce((x, y) => x * y, 1), 0);
  // Stride-0 (expanded) or shared views can describe far more elements than the file stores: refuse
  // decoding more than ~2 float32 per stored byte (real checkpoints need at most 1), or 2^29 in all.
  check(total <= Math.min(2 * bytes.length + 1_000_000, MAX_DECODED_ELEMENTS), file,
    `its tensors describe ${total} elements, far more than the ${bytes.length}-byte file stores (expanded views?)`, 'too-large');
  const weights: WeightMap = new Map();
  let done = 0;
  for (const name of spec.keys()) {
    const t = await readTensor(ckpt, selected.tensors.get(name)!);
    checkFinite(name, t.data, file);
    weights.set(name, { shape: t.shape, data: t.data } satisfies NamedTensor);
    done += t.data.length;
    opts.onProgress?.(total > 0 ? done / total : 1);
  }
  return {
    config,
    weights,
    labels: defaultLabels(config.numClasses),
    preprocessing: defaultPreprocessing(config.trainResolution),
    provenance: {
      source_file: file,
      source_sha256: await sha256Hex(bytes),
      source_format: 'torch.save zip',
      weights: selected.source,
      post_norm_from: postNormSource(config, opts, fileHints),
    },
  };
}

/** Strips a `module.` prefix (DataParallel); a name present with and without it is refused, never silently merged. */
function stripModulePrefix(tensors: Map<string, SafetensorsTensor>, file: string): Map<string, SafetensorsTensor> {
  const out = new Map<string, SafetensorsTensor>();
  for (const [n, t] of tensors) {
    const name = n.startsWith('module.') ? n.slice('module.'.length) : n;
    check(!out.has(name), file, () => `holds ${quoted(name)} twice (with and without module.)`, 'mismatch');
    out.set(name, t);
  }
  return out;
}

async function loadSafetensors(bytes: Uint8Array, file: string, opts: LoadOptions): Promise<LoadedModelFile> {
  const st = readSafetensors(bytes, file);
  const meta = readWebMetadata(st, file);
  const byName = stripModulePrefix(st.tensors, file);
  const shapes = new Map([...byName].map(([name, t]) => [name, t.shape]));
  let config: ModelConfig;
  if (meta.config) {
    config = meta.config;
    if (config.family === 'vheat' && opts.postNorm !== undefined) config = { ...config, postNorm: opts.postNorm };
  } else {
    config = detectConfig(shapes, file, opts.postNorm !== undefined ? { postNorm: opts.postNorm } : {});
  }
  const spec = checkAgainstSpec(config, shapes, file);
  // A declared input size is capped by the resource budget, like any input: before a weight is decoded.
  const side = meta.preprocessing?.inputSize;
  if (side !== undefined) checkBudget(file, `its declared ${side}x${side} input (one image, forward pass)`, modelWorkEstimate(config, 1, side, side, 'forward'));
  const weights: WeightMap = new Map();
  let i = 0;
  for (const [name, shape] of spec) {
    const data = safetensorToFloat32(byName.get(name)!);
    checkFinite(name, data, file);
    weights.set(name, { shape: [...shape], data });
    opts.onProgress?.(++i / spec.size);
  }
  if (meta.labels) check(meta.labels.length === config.numClasses, file, `__metadata__ has ${meta.labels.length} labels for ${config.numClasses} classes`);
  const provenance = meta.provenance ?? { source_file: file, source_sha256: await sha256Hex(bytes), source_format: 'safetensors' };
  return {
    config,
    weights,
    labels: meta.labels ?? defaultLabels(config.numClasses),
    preprocessing: meta.preprocessing ?? defaultPreprocessing(config.trainResolution),
    provenance,
  };
}

/** Reads .pth (torch.save zip) or .safetensors (web format) bytes; detects config; checks shapes.
 *  Every bad input is a WeightFileError naming the file; nothing partial is returned. */
export async function loadModelFile(bytes: Uint8Array, fileName: string, opts: LoadOptions = {}): Promise<LoadedModelFile> {
  const kind = sniffFormat(bytes, fileName);
  try {
    return kind === 'torch-zip' ? await loadTorch(bytes, fileName, opts) : await loadSafetensors(bytes, fileName, opts);
  } catch (e) {
    if (e instanceof WeightFileError || isInputError(e)) throw e;
    // A JS-level failure while reading untrusted bytes (a RangeError from a DataView, ...): still a typed
    // refusal, in the project's words (never the engine's text, which may echo the file).
    throw new WeightFileError(fileName, `unreadable: its structure is inconsistent (the reader stopped with a ${e instanceof Error ? e.name : 'non-error'})`);
  }
}

/** Converts to the web format (.safetensors with __metadata__); fp16 storage optional (compute stays f32). */
export function toWebFormat(m: LoadedModelFile, opts: { fp16?: boolean } = {}): Uint8Array {
  const { tensors, metadata } = webFormatParts(m.config, m.weights, m.labels, m.preprocessing, m.provenance, opts.fp16 ?? false);
  return writeSafetensors(tensors, metadata);
}
