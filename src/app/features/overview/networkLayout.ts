// The loaded network as the overview draws it: the input, the stem, each stage (map side, channels, blocks), the head.
// Plain data from the model's config and input side; no React, no engine calls.
import { stageSize, type ModelConfig } from '../../../engine/config';

export interface StageBox {
  /** 0-based index (shown 1-based). */
  index: number;
  side: number;
  channels: number;
  blocks: number;
  /** Side after this stage's downsample (the next stage's), or null for the last stage. */
  nextSide: number | null;
}

export interface NetworkLayout {
  family: ModelConfig['family'];
  inputSide: number;
  stemChannels: number;
  stages: StageBox[];
  classes: number;
  /** Number of heat blocks in the whole network. */
  totalBlocks: number;
}

export function networkLayout(config: ModelConfig, inputSide: number): NetworkLayout {
  const stages = config.dims.map((channels, index) => ({
    index,
    side: stageSize(inputSide, index),
    channels,
    blocks: config.depths[index],
    nextSide: index + 1 < config.dims.length ? stageSize(inputSide, index + 1) : null,
  }));
  return {
    family: config.family,
    inputSide,
    stemChannels: config.dims[0],
    stages,
    classes: config.numClasses,
    totalBlocks: config.depths.reduce((a, b) => a + b, 0),
  };
}

/** One step of a block's data flow, for the block diagram. `heat` marks the steps of the heat operator itself. */
export interface FlowStep {
  key: string;
  label: string;
  detail: string;
  heat?: boolean;
  /** A residual addition closes here. */
  residual?: boolean;
}

/** vHeat's HeatBlock (pre-norm: vHeat-T and the bundled model; post-norm moves each norm after its branch). */
export function vheatBlockFlow(channels: number, postNorm: boolean): FlowStep[] {
  const c = channels;
  const pre: FlowStep[] = postNorm ? [] : [{ key: 'norm1', label: 'LayerNorm', detail: 'per pixel, over channels' }];
  const post: FlowStep[] = postNorm ? [{ key: 'norm1', label: 'LayerNorm', detail: 'of the branch' }] : [];
  return [
    ...pre,
    { key: 'dwconv', label: 'Depthwise conv 3×3', detail: 'each channel mixes its 3×3 neighbours' },
    { key: 'linear', label: `Linear ${c}→${2 * c}`, detail: 'splits into φ (the heat) and z (a gate)' },
    { key: 'dct', label: 'DCT', detail: 'φ as cosine patterns (frequencies)', heat: true },
    { key: 'decay', label: '× exp(−k ω² t)', detail: 'high frequencies fade fastest; k is learned', heat: true },
    { key: 'idct', label: 'IDCT', detail: 'back to a (blurred) map u(t)', heat: true },
    { key: 'gate', label: 'LayerNorm · SiLU(z)', detail: 'the gate decides what passes' },
    { key: 'out', label: `Linear ${c}→${c}`, detail: 'mixes channels' },
    ...post,
    { key: 'add1', label: '+ input', detail: 'residual', residual: true },
    { key: 'mlp', label: `MLP ${c}→${4 * c}→${c}`, detail: 'per pixel, GELU', },
    { key: 'add2', label: '+', detail: 'residual', residual: true },
  ];
}

/** HcNet's heat conduction layer: one explicit finite-difference step of the heat equation, then an MLP. */
export function hcnetBlockFlow(channels: number): FlowStep[] {
  const c = channels;
  return [
    { key: 'laplace', label: 'neighbours − x', detail: 'mean of the 8 neighbours minus the cell (a discrete Laplacian)', heat: true },
    { key: 'alpha', label: '× α', detail: 'α per channel = sigmoid(linear(mean of x)), in (0, 1)', heat: true },
    { key: 'add1', label: '+ x', detail: 'one explicit Euler step: x + α·Δx', residual: true, heat: true },
    { key: 'norm2', label: 'GroupNorm', detail: 'over channels and positions' },
    { key: 'mlp', label: `MLP ${c}→${4 * c}→${c}`, detail: 'GELU, depthwise 3×3 in the middle' },
    { key: 'add2', label: '+', detail: 'residual', residual: true },
  ];
}
