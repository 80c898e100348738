// Model configurations, as detected from a checkpoint or stored in a web-format file's metadata.
// Field meanings follow the official code (vHeat: classification/models/vHeat.py; HcNet: HcNet.py).

export interface VHeatConfig {
  family: 'vheat';
  /** Channels per stage, C0..C(S-1). */
  dims: number[];
  /** Blocks per stage. */
  depths: number[];
  /** Post-norm blocks (vHeat-S/B): x + norm(branch(x)). Pre-norm (vHeat-T): x + branch(norm(x)). */
  postNorm: boolean;
  /** Blocks carry per-channel gamma1/gamma2 (layer scale). */
  layerScale: boolean;
  /** Hidden width of the MLP divided by C. */
  mlpRatio: number;
  numClasses: number;
  /** Image side the checkpoint was trained at; stage i's freq_embed is (train/4/2^i) square. */
  trainResolution: number;
  /** Inference-mode weights: each op stores `op.k_exp` instead of freq_embed + to_k. */
  inferenceMode: boolean;
}

export interface HcNetConfig {
  family: 'hcnet';
  dims: number[];
  depths: number[];
  mlpRatio: number;
  numClasses: number;
  trainResolution: number;
}

/**
 * vHeat's rivals (tools/python/heatnets/rivals.py): vHeat's stem, downsamples and head around other blocks.
 * ConvNeXt: x + fc2(GELU(fc1(LN(dwconv7x7(x))))). ViT: x + pos(x) (depthwise 3x3), then global multi-head
 * softmax attention and an MLP, both pre-norm. trainResolution is provenance only: no weight depends on it.
 */
export interface ConvNeXtConfig {
  family: 'convnext';
  dims: number[];
  depths: number[];
  mlpRatio: number;
  numClasses: number;
  trainResolution: number;
}

export interface ViTConfig {
  family: 'vit';
  dims: number[];
  depths: number[];
  mlpRatio: number;
  numClasses: number;
  trainResolution: number;
  /** Channels per attention head: stage i has max(1, floor(dims[i] / headDim)) heads. */
  headDim: number;
}

export type RivalConfig = ConvNeXtConfig | ViTConfig;

/** The two heat-conduction families (the heat analyses need one of these). */
export type HeatConfig = VHeatConfig | HcNetConfig;

export type ModelConfig = HeatConfig | RivalConfig;

/** Attention heads of a ViT stage of `dim` channels: official `max(1, dim // head_dim)`. */
export function attentionHeads(dim: number, headDim: number): number {
  return Math.max(1, Math.floor(dim / headDim));
}

/** A tensor as it comes out of a checkpoint: PyTorch layout (NCHW / OIHW / (out,in)), row-major float32. */
export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

/** Official state-dict names (no `module.` prefix) to tensors. */
export type WeightMap = Map<string, NamedTensor>;

/** Preprocessing a model expects (stored in the web format's metadata). */
export interface Preprocessing {
  /** Input side S fed to the network. */
  inputSize: number;
  /** Shorter side is resized to this before the centre crop (ImageNet: int(256/224*S)). */
  resizeTo: number;
  mean: [number, number, number];
  std: [number, number, number];
  /** Replicate a single luminance channel to RGB first (Fashion-MNIST models). */
  grayscale: boolean;
  interpolation: 'bicubic' | 'bilinear';
}

export const IMAGENET_PREPROCESSING: Preprocessing = {
  inputSize: 224,
  resizeTo: 256,
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
  grayscale: false,
  interpolation: 'bicubic',
};

/** Stage map side for an input side: the stem halves twice, each downsample once more (ceil). */
export function stageSize(inputSide: number, stage: number): number {
  let n = inputSide;
  for (let i = 0; i < stage + 2; i++) n = Math.ceil(n / 2);
  return n;
}
