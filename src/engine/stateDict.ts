// Official PyTorch state-dict names and shapes of vHeat (MzeroMiko/vHeat, classification/models/vHeat.py)
// and HcNet (ZheminZhang1/HcNet, HcNet.py), and of the rivals (tools/python/heatnets/rivals.py: ConvNeXt, ViT), in the
// order `model.state_dict()` lists them: a module's own parameters, then its own buffers, then its children in
// registration order.
// A pure function of the config, kept beside config.ts: the weight readers (weights/) check files against it and
// the models (models/) build from it, so neither imports the other.

import { attentionHeads, type HcNetConfig, type ModelConfig, type RivalConfig, type VHeatConfig } from './config';
import { InputError } from './errors';

/** Side of vHeat's stage-i `freq_embed.i` / `op.k_exp`: official `int((img/4) // 2^i)`. */
export function vheatFrequencySide(trainResolution: number, stage: number): number {
  return Math.floor(trainResolution / 4 / 2 ** stage);
}

/** Side of HcNet's stage-i `mean_num` buffer: official `(img // 4) // 2^i`. */
export function hcnetTrainSide(trainResolution: number, stage: number): number {
  return Math.floor(Math.floor(trainResolution / 4) / 2 ** stage);
}

/** Hidden width of an MLP: official `int(dim * mlp_ratio)`. */
export function mlpHidden(dim: number, mlpRatio: number): number {
  return Math.floor(dim * mlpRatio);
}

function checkShape(config: ModelConfig): void {
  const { dims, depths } = config;
  if (dims.length === 0 || dims.length !== depths.length) {
    throw new InputError('config', `needs as many dims as depths (got ${dims.length} dims, ${depths.length} depths)`, 'invalid-value');
  }
  for (const d of dims) if (!Number.isInteger(d) || d < 2 || d % 2 !== 0) throw new InputError('config', `dims must be even integers >= 2 (got ${d})`, 'invalid-value');
  for (const d of depths) if (!Number.isInteger(d) || d < 0) throw new InputError('config', `depths must be integers >= 0 (got ${d})`, 'invalid-value');
  if (!Number.isInteger(config.numClasses) || config.numClasses < 1) throw new InputError('config', `numClasses must be >= 1 (got ${config.numClasses})`, 'invalid-value');
  if (!(config.mlpRatio > 0)) throw new InputError('config', `mlpRatio must be > 0 (got ${config.mlpRatio})`, 'invalid-value');
  if (config.family === 'vit') {
    const { headDim } = config;
    if (!Number.isInteger(headDim) || headDim < 1) throw new InputError('config', `headDim must be an integer >= 1 (got ${headDim})`, 'invalid-value');
    for (const d of dims) if (d % attentionHeads(d, headDim) !== 0) throw new InputError('config', `dims must split into whole heads of ${headDim} (got ${d})`, 'invalid-value');
  }
}

type AddEntry = (name: string, shape: number[]) => void;

function addNormSpec(add: AddEntry, prefix: string, c: number): void {
  add(`${prefix}.weight`, [c]);
  add(`${prefix}.bias`, [c]);
}

/** The stem both families share (two 3x3 stride-2 convs to C0/2 and C0, each with a norm named by normPrefix). */
function addStemSpec(add: AddEntry, c0: number, normPrefix: (index: 1 | 2) => string): void {
  const half = Math.floor(c0 / 2);
  add('patch_embed.conv1.weight', [half, 3, 3, 3]);
  add('patch_embed.conv1.bias', [half]);
  addNormSpec(add, normPrefix(1), half);
  add('patch_embed.conv2.weight', [c0, half, 3, 3]);
  add('patch_embed.conv2.bias', [c0]);
  addNormSpec(add, normPrefix(2), c0);
}

/** A downsampler: a 3x3 stride-2 conv without bias from cIn to cOut channels, then a norm. */
function addDownsampleSpec(add: AddEntry, convName: string, normPrefix: string, cIn: number, cOut: number): void {
  add(convName, [cOut, cIn, 3, 3]);
  addNormSpec(add, normPrefix, cOut);
}

/** The head: a norm over the last stage's c channels, then the classifier's linear layer. */
function addHeadSpec(add: AddEntry, normPrefix: string, linearPrefix: string, c: number, classes: number): void {
  addNormSpec(add, normPrefix, c);
  add(`${linearPrefix}.weight`, [classes, c]);
  add(`${linearPrefix}.bias`, [classes]);
}

function vheatSpec(c: VHeatConfig): Map<string, number[]> {
  const spec = new Map<string, number[]>();
  const add = (name: string, shape: number[]) => spec.set(name, shape);
  // StemLayer: norms are Sequential(to_channels_last, LayerNorm) -> index 1.
  addStemSpec(add, c.dims[0], (i) => `patch_embed.norm${i}.1`);
  if (!c.inferenceMode) {
    c.dims.forEach((dim, i) => {
      const r = vheatFrequencySide(c.trainResolution, i);
      add(`freq_embed.${i}`, [r, r, dim]);
    });
  }
  const hidden = (dim: number) => mlpHidden(dim, c.mlpRatio);
  c.dims.forEach((dim, i) => {
    const r = vheatFrequencySide(c.trainResolution, i);
    for (let j = 0; j < c.depths[i]; j++) {
      const p = `layers.${i}.${j}`;
      if (c.layerScale) {
        add(`${p}.gamma1`, [dim]);
        add(`${p}.gamma2`, [dim]);
      }
      add(`${p}.norm1.weight`, [dim]);
      add(`${p}.norm1.bias`, [dim]);
      // infer_init assigns op.k_exp as a Parameter of Heat2D itself: it precedes the op's children.
      if (c.inferenceMode) add(`${p}.op.k_exp`, [r, r, dim]);
      add(`${p}.op.dwconv.weight`, [dim, 1, 3, 3]);
      add(`${p}.op.dwconv.bias`, [dim]);
      add(`${p}.op.linear.weight`, [2 * dim, dim]);
      add(`${p}.op.linear.bias`, [2 * dim]);
      add(`${p}.op.out_norm.weight`, [dim]);
      add(`${p}.op.out_norm.bias`, [dim]);
      add(`${p}.op.out_linear.weight`, [dim, dim]);
      add(`${p}.op.out_linear.bias`, [dim]);
      if (!c.inferenceMode) {
        add(`${p}.op.to_k.0.weight`, [dim, dim]);
        add(`${p}.op.to_k.0.bias`, [dim]);
      }
      add(`${p}.norm2.weight`, [dim]);
      add(`${p}.norm2.bias`, [dim]);
      add(`${p}.mlp.fc1.weight`, [hidden(dim), dim, 1, 1]);
      add(`${p}.mlp.fc1.bias`, [hidden(dim)]);
      add(`${p}.mlp.fc2.weight`, [dim, hidden(dim), 1, 1]);
      add(`${p}.mlp.fc2.bias`, [dim]);
    }
    if (i < c.dims.length - 1) {
      const p = `layers.${i}.${c.depths[i]}`;
      addDownsampleSpec(add, `${p}.0.weight`, `${p}.1`, dim, c.dims[i + 1]);
    }
  });
  addHeadSpec(add, 'classifier.0', 'classifier.3', c.dims[c.dims.length - 1], c.numClasses);
  return spec;
}

function hcnetSpec(c: HcNetConfig): Map<string, number[]> {
  const spec = new Map<string, number[]>();
  const add = (name: string, shape: number[]) => spec.set(name, shape);
  addStemSpec(add, c.dims[0], (i) => `patch_embed.norm${i}`);
  c.dims.forEach((dim, i) => {
    const r = hcnetTrainSide(c.trainResolution, i);
    const hidden = mlpHidden(dim, c.mlpRatio);
    for (let j = 0; j < c.depths[i]; j++) {
      const p = `layers.${i}.blocks.${j}`;
      // mean_num is a registered (persistent) buffer of the block: neighbour counts at the train size.
      add(`${p}.mean_num`, [1, 1, r, r]);
      add(`${p}.fc_0.weight`, [dim, dim, 1, 1]);
      add(`${p}.norm2.weight`, [dim]);
      add(`${p}.norm2.bias`, [dim]);
      // HC_Mlp registers fc1, act, fc2, drop, then dwconv.
      add(`${p}.mlp.fc1.weight`, [hidden, dim, 1, 1]);
      add(`${p}.mlp.fc1.bias`, [hidden]);
      add(`${p}.mlp.fc2.weight`, [dim, hidden, 1, 1]);
      add(`${p}.mlp.fc2.bias`, [dim]);
      add(`${p}.mlp.dwconv.weight`, [hidden, 1, 3, 3]);
    }
    if (i < c.dims.length - 1) {
      const p = `layers.${i}.downsample`;
      addDownsampleSpec(add, `${p}.reduction.weight`, `${p}.norm`, dim, c.dims[i + 1]);
    }
  });
  addHeadSpec(add, 'norm', 'head', c.dims[c.dims.length - 1], c.numClasses);
  return spec;
}

/** A ConvNeXt block (tools/python/heatnets/rivals.py ConvNeXtBlock): dwconv 7x7, norm, fc1, fc2. */
function addConvNeXtBlockSpec(add: AddEntry, p: string, dim: number, hidden: number): void {
  add(`${p}.dwconv.weight`, [dim, 1, 7, 7]);
  add(`${p}.dwconv.bias`, [dim]);
  addNormSpec(add, `${p}.norm`, dim);
  add(`${p}.fc1.weight`, [hidden, dim]);
  add(`${p}.fc1.bias`, [hidden]);
  add(`${p}.fc2.weight`, [dim, hidden]);
  add(`${p}.fc2.bias`, [dim]);
}

/** A ViT block (rivals.py ViTBlock): pos (depthwise 3x3), norm1, attn.qkv, attn.proj, norm2, fc1, fc2. */
function addViTBlockSpec(add: AddEntry, p: string, dim: number, hidden: number): void {
  add(`${p}.pos.weight`, [dim, 1, 3, 3]);
  add(`${p}.pos.bias`, [dim]);
  addNormSpec(add, `${p}.norm1`, dim);
  add(`${p}.attn.qkv.weight`, [3 * dim, dim]);
  add(`${p}.attn.qkv.bias`, [3 * dim]);
  add(`${p}.attn.proj.weight`, [dim, dim]);
  add(`${p}.attn.proj.bias`, [dim]);
  addNormSpec(add, `${p}.norm2`, dim);
  add(`${p}.fc1.weight`, [hidden, dim]);
  add(`${p}.fc1.bias`, [hidden]);
  add(`${p}.fc2.weight`, [dim, hidden]);
  add(`${p}.fc2.bias`, [dim]);
}

/** The rivals (rivals.py RivalNet): vHeat's stem, downsamples (`layers.i.{depth}`) and classifier around their blocks. */
function rivalSpec(c: RivalConfig): Map<string, number[]> {
  const spec = new Map<string, number[]>();
  const add = (name: string, shape: number[]) => spec.set(name, shape);
  addStemSpec(add, c.dims[0], (i) => `patch_embed.norm${i}.1`);
  const addBlock = c.family === 'convnext' ? addConvNeXtBlockSpec : addViTBlockSpec;
  c.dims.forEach((dim, i) => {
    for (let j = 0; j < c.depths[i]; j++) addBlock(add, `layers.${i}.${j}`, dim, mlpHidden(dim, c.mlpRatio));
    if (i < c.dims.length - 1) {
      const p = `layers.${i}.${c.depths[i]}`;
      addDownsampleSpec(add, `${p}.0.weight`, `${p}.1`, dim, c.dims[i + 1]);
    }
  });
  addHeadSpec(add, 'classifier.0', 'classifier.3', c.dims[c.dims.length - 1], c.numClasses);
  return spec;
}

/** Every official state-dict name of a config with its PyTorch shape, in the official order. */
export function stateDictSpec(config: ModelConfig): Map<string, number[]> {
  checkShape(config);
  switch (config.family) {
    case 'vheat':
      return vheatSpec(config);
    case 'hcnet':
      return hcnetSpec(config);
    default:
      return rivalSpec(config);
  }
}

/** True for state-dict entries that are buffers (not learned parameters). */
export function isBuffer(name: string): boolean {
  return name.endsWith('.mean_num');
}

/** Learned parameters of a config (buffers such as HcNet's mean_num excluded; inference-mode k_exp counted). */
export function countParameters(config: ModelConfig): number {
  let n = 0;
  for (const [name, shape] of stateDictSpec(config)) {
    if (!isBuffer(name)) n += shape.reduce((a, b) => a * b, 1);
  }
  return n;
}
