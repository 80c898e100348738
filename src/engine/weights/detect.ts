// From a checkpoint's object graph to one state dict, and from state-dict names and shapes to a
// model config (vHeat, HcNet, or a rival: ConvNeXt / ViT of tools/python/heatnets/rivals.py), checked against the
// state-dict spec.
//
// post_norm is not visible in shapes. Rule, in order of precedence:
//   1. an explicit override (command-line flag / loader option, or the web format's metadata);
//   2. the training config pickled in the checkpoint (`config.MODEL.VHEAT.POST_NORM`, read as inert data);
//   3. the official rule: every official config pairs them — vHeat-T has no layer scale and is
//      pre-norm; vHeat-S/B have LAYER_SCALE 1e-5 and POST_NORM True (classification/configs/vHeat/*.yaml).
//      So postNorm = layerScale.
// A rival's train size and a ViT's head width are not in its shapes either: `config.img_size` of a train_fashion.py
// checkpoint (else 224) and its `config.head_dim` (else rivals.py's 32), unless the web format's metadata says.

import type { ConvNeXtConfig, HcNetConfig, ModelConfig, VHeatConfig, ViTConfig } from '../config';
import { stateDictSpec } from '../stateDict';
import { WeightFileError, check } from './errors';
import { PyDict, PyObject, TensorRecord, type PyValue } from './pickle';

export type WeightsChoice = 'ema' | 'model';
/** Which object of the file the weights came from. */
export type WeightsSource = 'model_ema' | 'model' | 'state_dict' | 'bare';

export interface SelectedStateDict {
  /** Names with any `module.` prefix stripped, in file order. */
  tensors: Map<string, TensorRecord>;
  source: WeightsSource;
}

function tensorDict(d: PyDict, file: string, what: string): Map<string, TensorRecord> {
  const out = new Map<string, TensorRecord>();
  let prefixed = 0;
  for (const [k, v] of d.map) {
    check(typeof k === 'string', file, `${what} has a non-string key`);
    check(v instanceof TensorRecord, file, `${what}[${JSON.stringify(k)}] is not a tensor`);
    if ((k as string).startsWith('module.')) prefixed++;
  }
  const strip = prefixed > 0 && prefixed === d.map.size;
  for (const [k, v] of d.map) {
    const name = strip ? (k as string).slice('module.'.length) : (k as string);
    check(!out.has(name), file, `${what} holds ${JSON.stringify(name)} twice (with and without module.)`);
    out.set(name, v as TensorRecord);
  }
  return out;
}

function isTensorDict(v: PyValue | undefined): boolean {
  if (!(v instanceof PyDict) || v.map.size === 0) return false;
  for (const x of v.map.values()) if (!(x instanceof TensorRecord)) return false;
  return true;
}

/** Picks model_ema (default when present), model, state_dict, or a bare state dict. */
export function selectStateDict(root: PyValue, file: string, choice?: WeightsChoice): SelectedStateDict {
  check(root instanceof PyDict, file, `checkpoint holds ${root instanceof PyObject ? `a ${root.global} object` : 'no dict'}, not a state dict or training checkpoint`);
  const dict = root as PyDict;
  if (isTensorDict(dict)) {
    check(choice !== 'ema', file, 'EMA weights asked for, but the file is a bare state dict');
    return { tensors: tensorDict(dict, file, 'state dict'), source: 'bare' };
  }
  // `model_ema: None` (trained without EMA) counts as absent.
  const ema = dict.get('model_ema') ?? undefined;
  const model = dict.get('model') ?? undefined;
  if (choice === 'ema') {
    check(ema !== undefined, file, 'no model_ema in the checkpoint (asked for EMA weights)');
  }
  if (choice === 'model') check(model !== undefined, file, 'no model in the checkpoint (asked for the non-EMA weights)');
  if (ema !== undefined && choice !== 'model') {
    check(isTensorDict(ema), file, 'model_ema is not a dict of tensors');
    return { tensors: tensorDict(ema as PyDict, file, 'model_ema'), source: 'model_ema' };
  }
  if (model !== undefined) {
    check(isTensorDict(model), file, 'model is not a dict of tensors');
    return { tensors: tensorDict(model as PyDict, file, 'model'), source: 'model' };
  }
  const sd = dict.get('state_dict');
  if (isTensorDict(sd)) return { tensors: tensorDict(sd as PyDict, file, 'state_dict'), source: 'state_dict' };
  const keys = [...dict.map.keys()].filter((k) => typeof k === 'string').slice(0, 10) as string[];
  throw new WeightFileError(file, `no state dict found (no model_ema, model or state_dict; top-level keys: ${keys.join(', ') || 'none'})`);
}

/** Values read from the pickled training config (inert yacs CfgNode data), where present. */
export interface ConfigHints {
  postNorm?: boolean;
  /** A train_fashion.py checkpoint's `config.img_size` (the rivals' trainResolution). */
  trainResolution?: number;
  /** `config.head_dim` (the ViT rival's head width), where the checkpoint records it. */
  headDim?: number;
}

/** Head width of the ViT rival (rivals.py GlobalAttention's default). */
export const VIT_HEAD_DIM = 32;
/** Train size assumed for a rival whose checkpoint does not say. */
const DEFAULT_RIVAL_RESOLUTION = 224;

function cfgChild(v: PyValue | undefined, key: string): PyValue | undefined {
  if (v instanceof PyObject) return v.dictItems.get(key);
  if (v instanceof PyDict) return v.get(key);
  return undefined;
}

/** Reads `config.MODEL.VHEAT.POST_NORM` from a training checkpoint, if it is there and a bool. */
export function hintsFromCheckpoint(root: PyValue): ConfigHints {
  if (!(root instanceof PyDict)) return {};
  const config = root.get('config');
  const post = cfgChild(cfgChild(cfgChild(config, 'MODEL'), 'VHEAT'), 'POST_NORM');
  const size = cfgChild(config, 'img_size');
  const headDim = cfgChild(config, 'head_dim');
  const smallInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1 << 16;
  const hints: ConfigHints = {};
  if (typeof post === 'boolean') hints.postNorm = post;
  if (smallInt(size)) hints.trainResolution = size;
  if (smallInt(headDim)) hints.headDim = headDim;
  return hints;
}

function shapeOf(shapes: Map<string, number[]>, name: string): number[] | undefined {
  return shapes.get(name);
}

function countBlocks(shapes: Map<string, number[]>, pattern: (i: number, j: number) => string, stage: number): number {
  let j = 0;
  while (shapes.has(pattern(stage, j))) j++;
  return j;
}

function countStages(shapes: Map<string, number[]>): number {
  let max = -1;
  for (const k of shapes.keys()) {
    const m = /^layers\.(\d{1,3})\./.exec(k);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

function detectVHeat(shapes: Map<string, number[]>, hints: ConfigHints, file: string): VHeatConfig {
  const stages = countStages(shapes);
  check(stages >= 1, file, 'vHeat state dict has no layers.*');
  const dims: number[] = [];
  const depths: number[] = [];
  for (let i = 0; i < stages; i++) {
    depths.push(countBlocks(shapes, (s, j) => `layers.${s}.${j}.norm1.weight`, i));
    const norm = shapeOf(shapes, `layers.${i}.0.norm1.weight`) ?? shapeOf(shapes, `layers.${i - 1}.${depths[i - 1]}.1.weight`);
    check(norm !== undefined && norm.length === 1, file, `cannot tell the width of stage ${i}`);
    dims.push((norm as number[])[0]);
  }
  const layerScale = shapes.has('layers.0.0.gamma1');
  const fc1 = shapeOf(shapes, 'layers.0.0.mlp.fc1.weight');
  check(fc1 !== undefined, file, 'missing layers.0.0.mlp.fc1.weight');
  const mlpRatio = (fc1 as number[])[0] / dims[0];
  const head = shapeOf(shapes, 'classifier.3.weight');
  check(head !== undefined && head.length === 2, file, 'missing classifier.3.weight');
  const inferenceMode = shapes.has('layers.0.0.op.k_exp');
  const freq = inferenceMode ? shapeOf(shapes, 'layers.0.0.op.k_exp') : shapeOf(shapes, 'freq_embed.0');
  check(freq !== undefined && freq.length === 3, file, inferenceMode ? 'malformed layers.0.0.op.k_exp' : 'missing freq_embed.0');
  return {
    family: 'vheat',
    dims,
    depths,
    postNorm: hints.postNorm ?? layerScale,
    layerScale,
    mlpRatio,
    numClasses: (head as number[])[0],
    trainResolution: (freq as number[])[0] * 4,
    inferenceMode,
  };
}

function detectHcNet(shapes: Map<string, number[]>, file: string): HcNetConfig {
  const stages = countStages(shapes);
  const dims: number[] = [];
  const depths: number[] = [];
  for (let i = 0; i < stages; i++) {
    depths.push(countBlocks(shapes, (s, j) => `layers.${s}.blocks.${j}.fc_0.weight`, i));
    const fc = shapeOf(shapes, `layers.${i}.blocks.0.fc_0.weight`) ?? shapeOf(shapes, `layers.${i - 1}.downsample.norm.weight`);
    check(fc !== undefined, file, `cannot tell the width of stage ${i}`);
    dims.push((fc as number[])[0]);
  }
  const fc1 = shapeOf(shapes, 'layers.0.blocks.0.mlp.fc1.weight');
  check(fc1 !== undefined, file, 'missing layers.0.blocks.0.mlp.fc1.weight');
  const head = shapeOf(shapes, 'head.weight');
  check(head !== undefined && head.length === 2, file, 'missing head.weight');
  const meanNum = shapeOf(shapes, 'layers.0.blocks.0.mean_num');
  check(meanNum !== undefined && meanNum.length === 4, file, 'missing layers.0.blocks.0.mean_num');
  return {
    family: 'hcnet',
    dims,
    depths,
    mlpRatio: (fc1 as number[])[0] / dims[0],
    numClasses: (head as number[])[0],
    trainResolution: (meanNum as number[])[2] * 4,
  };
}

/** ConvNeXt / ViT rival: blocks counted by their first weight, widths from a block's norm or the downsample's. */
function detectRival(shapes: Map<string, number[]>, hints: ConfigHints, file: string, family: 'convnext' | 'vit'): ConvNeXtConfig | ViTConfig {
  const stages = countStages(shapes);
  const first = family === 'convnext' ? 'dwconv.weight' : 'attn.qkv.weight';
  const norm = family === 'convnext' ? 'norm' : 'norm1';
  const dims: number[] = [];
  const depths: number[] = [];
  for (let i = 0; i < stages; i++) {
    depths.push(countBlocks(shapes, (s, j) => `layers.${s}.${j}.${first}`, i));
    const width = shapeOf(shapes, `layers.${i}.0.${norm}.weight`) ?? shapeOf(shapes, `layers.${i - 1}.${depths[i - 1]}.1.weight`);
    check(width !== undefined && width.length === 1, file, `cannot tell the width of stage ${i}`);
    dims.push((width as number[])[0]);
  }
  const fc1 = shapeOf(shapes, 'layers.0.0.fc1.weight');
  check(fc1 !== undefined && fc1.length === 2, file, 'missing layers.0.0.fc1.weight');
  const head = shapeOf(shapes, 'classifier.3.weight');
  check(head !== undefined && head.length === 2, file, 'missing classifier.3.weight');
  const base = {
    dims,
    depths,
    mlpRatio: (fc1 as number[])[0] / dims[0],
    numClasses: (head as number[])[0],
    trainResolution: hints.trainResolution ?? DEFAULT_RIVAL_RESOLUTION,
  };
  return family === 'convnext' ? { family, ...base } : { family, ...base, headDim: hints.headDim ?? VIT_HEAD_DIM };
}

function listed(names: string[], max = 12): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, ... (${names.length} in all)`;
}

/** Detects family and config from names and shapes. Refuses other architectures, listing keys. */
export function detectConfig(shapes: Map<string, number[]>, file: string, hints: ConfigHints = {}): ModelConfig {
  const names = [...shapes.keys()];
  // The rivals share vHeat's stem and head names: told apart by their blocks first.
  if (names.some((k) => /^layers\.\d+\.\d+\.dwconv\.weight$/.test(k))) return detectRival(shapes, hints, file, 'convnext');
  if (names.some((k) => /^layers\.\d+\.\d+\.attn\.qkv\.weight$/.test(k))) return detectRival(shapes, hints, file, 'vit');
  const vheatLike = shapes.has('patch_embed.norm1.1.weight') || shapes.has('classifier.3.weight') ||
    names.some((k) => k.startsWith('freq_embed.') || /^layers\.\d+\.\d+\.op\./.test(k));
  if (vheatLike) return detectVHeat(shapes, hints, file);
  const hcnetLike = (shapes.has('patch_embed.norm1.weight') && shapes.has('head.weight')) || names.some((k) => /^layers\.\d+\.blocks\.\d+\.fc_0\./.test(k));
  if (hcnetLike) return detectHcNet(shapes, file);
  // Neither family: compare against vHeat-T's names to show what is missing and what is foreign.
  const reference = stateDictSpec({ family: 'vheat', dims: [96, 192, 384, 768], depths: [2, 2, 6, 2], postNorm: false, layerScale: false, mlpRatio: 4, numClasses: 1000, trainResolution: 224, inferenceMode: false });
  const missing = [...reference.keys()].filter((k) => !shapes.has(k));
  const unexpected = [...shapes.keys()].filter((k) => !reference.has(k));
  // Three of each: the refusal stays one line (errors.ts MAX_ERROR_MESSAGE) and still shows what is foreign.
  throw new WeightFileError(file, `not a vHeat, HcNet, ConvNeXt or ViT checkpoint. Missing keys: ${listed(missing, 3)}. Unexpected keys: ${listed(unexpected, 3)}`, 'mismatch');
}

/** Checks every name and shape against the official spec; refuses with missing/unexpected/mismatched keys. */
export function checkAgainstSpec(config: ModelConfig, shapes: Map<string, number[]>, file: string): Map<string, number[]> {
  let spec: Map<string, number[]>;
  try {
    spec = stateDictSpec(config);
  } catch (e) {
    throw new WeightFileError(file, `detected config is invalid: ${(e as Error).message}`, 'mismatch');
  }
  const missing = [...spec.keys()].filter((k) => !shapes.has(k));
  const unexpected = [...shapes.keys()].filter((k) => !spec.has(k));
  const mismatched: string[] = [];
  for (const [k, want] of spec) {
    const got = shapes.get(k);
    if (got && (got.length !== want.length || got.some((d, i) => d !== want[i]))) mismatched.push(`${k} [${got}] (expected [${want}])`);
  }
  if (missing.length || unexpected.length || mismatched.length) {
    const parts = [];
    if (missing.length) parts.push(`missing keys: ${listed(missing)}`);
    if (unexpected.length) parts.push(`unexpected keys: ${listed(unexpected)}`);
    if (mismatched.length) parts.push(`wrong shapes: ${listed(mismatched, 6)}`);
    throw new WeightFileError(file, `state dict does not match ${config.family} dims [${config.dims}] depths [${config.depths}]: ${parts.join('; ')}`, 'mismatch');
  }
  return spec;
}
