// The loaded network as the overview draws it: the input, the stem, each stage (map side, channels, blocks), the head.
// Plain data from the model's config and input side; no React, no engine calls.
import { stageSize, type ModelConfig } from '../../../engine/config';
import { tFor } from '../../i18n/i18n';

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
  const t = tFor('overview');
  const c = channels;
  const pre: FlowStep[] = postNorm ? [] : [{ key: 'norm1', label: t('flow.normLabel'), detail: t('flow.normPre') }];
  const post: FlowStep[] = postNorm ? [{ key: 'norm1', label: t('flow.normLabel'), detail: t('flow.normPost') }] : [];
  return [
    ...pre,
    { key: 'dwconv', label: t('flow.dwconv'), detail: t('flow.dwconvDetail') },
    { key: 'linear', label: t('flow.linear', { from: c, to: 2 * c }), detail: t('flow.linearDetail') },
    { key: 'dct', label: 'DCT', detail: t('flow.dct'), heat: true },
    { key: 'decay', label: '× exp(−k ω² t)', detail: t('flow.decay'), heat: true },
    { key: 'idct', label: 'IDCT', detail: t('flow.idct'), heat: true },
    { key: 'gate', label: t('flow.gateLabel'), detail: t('flow.gate') },
    { key: 'out', label: t('flow.linear', { from: c, to: c }), detail: t('flow.outDetail') },
    ...post,
    { key: 'add1', label: t('flow.addInput'), detail: t('flow.residual'), residual: true },
    { key: 'mlp', label: t('flow.mlpLabel', { from: c, hidden: 4 * c, to: c }), detail: t('flow.mlp') },
    { key: 'add2', label: '+', detail: t('flow.residual'), residual: true },
  ];
}

/** HcNet's heat conduction layer: one explicit finite-difference step of the heat equation, then an MLP. */
export function hcnetBlockFlow(channels: number): FlowStep[] {
  const t = tFor('overview');
  const c = channels;
  return [
    { key: 'laplace', label: t('flow.laplace'), detail: t('flow.laplaceDetail'), heat: true },
    { key: 'alpha', label: '× α', detail: t('flow.alpha'), heat: true },
    { key: 'add1', label: '+ x', detail: t('flow.euler'), residual: true, heat: true },
    { key: 'norm2', label: t('flow.groupNormLabel'), detail: t('flow.groupNorm') },
    { key: 'mlp', label: t('flow.mlpLabel', { from: c, hidden: 4 * c, to: c }), detail: t('flow.hcnetMlp') },
    { key: 'add2', label: '+', detail: t('flow.residual'), residual: true },
  ];
}
