// The hardware-GPU row's fused kernels as tfjs kernels ('webgpu' only, inference only: no gradient, so callers
// use them only with the tape off; fusedBlock.ts and fusedHcBlock.ts check). FusedLinear: a linear map with its
// prologue and epilogue (fusedLinearProgram.ts); HeatPlane: the whole heat operator in one dispatch
// (heatPlaneProgram.ts); ChannelLayerNormResidual: r + LayerNorm(x) (channelLayerNormProgram.ts); ExplicitHeatStep:
// HcNet's step (explicitHeatStepProgram.ts); GroupNormStats / GroupNormOneGroup: one group's statistics, or
// the whole GroupNorm (groupNormStatsProgram.ts).
import type * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { defineKernel } from '../defineKernel';
import { fusedLinearRun, type FusedLinearExtras, type LinearEpilogue, type LinearPrologue } from './fusedLinearProgram';
import { heatPlaneRun } from '../heat/heatPlaneProgram';
import { explicitHeatStepRun } from '../heat/explicitHeatStepProgram';
import { channelLayerNormProgramRun } from '../norm/channelLayerNormProgram';
import { groupNormStatsRun } from '../norm/groupNormStatsProgram';

type FusedLinearInput = 'x' | 'weight' | 'bias' | 'lnWeight' | 'lnBias' | 'gate' | 'dwFilter' | 'dwBias' | 'res' | 'rowScale' | 'stats';

interface FusedLinearAttrs extends NamedAttrMap {
  prologue: LinearPrologue;
  epilogue: LinearEpilogue;
  eps: number;
  gateStride: number;
  gateOffset: number;
  mapH: number;
  mapW: number;
}

const fusedLinearKernel = defineKernel<FusedLinearInput, FusedLinearAttrs>({
  name: 'FusedLinear',
  inputNames: ['x', 'weight', 'bias', 'lnWeight', 'lnBias', 'gate', 'dwFilter', 'dwBias', 'res', 'rowScale', 'stats'],
  webgpu: (backend, inputs, attrs) => {
    const { x, weight, bias, ...rest } = inputs as Record<FusedLinearInput, TensorInfo | undefined>;
    const extras: FusedLinearExtras = { ...rest, eps: attrs.eps, gateStride: attrs.gateStride, gateOffset: attrs.gateOffset, mapH: attrs.mapH, mapW: attrs.mapW };
    return fusedLinearRun(backend, x!, weight!, bias!, attrs.prologue, attrs.epilogue, extras);
  },
});

export interface FusedLinearArgs {
  prologue?: LinearPrologue;
  epilogue?: LinearEpilogue;
  inputs?: Partial<Record<Exclude<FusedLinearInput, 'x' | 'weight' | 'bias'>, tf.Tensor>>;
  eps?: number;
  gateStride?: number;
  gateOffset?: number;
  mapH?: number;
  mapW?: number;
}

/** epilogue(prologue(x) [M, K] @ weight [K, N] + bias [N]) -> [M, N] in one dispatch ('webgpu', N % 4 == 0). */
export function fusedLinear(x: tf.Tensor, weight: tf.Tensor2D, bias: tf.Tensor1D, a: FusedLinearArgs): tf.Tensor2D {
  const inputs = { x, weight, bias, ...a.inputs } as Record<FusedLinearInput, tf.Tensor>;
  return fusedLinearKernel.run(inputs, {
    prologue: a.prologue ?? 'none', epilogue: a.epilogue ?? 'bias', eps: a.eps ?? 0,
    gateStride: a.gateStride ?? 0, gateOffset: a.gateOffset ?? 0, mapH: a.mapH ?? 1, mapW: a.mapW ?? 1,
  });
}

interface HeatPlaneAttrs extends NamedAttrMap {
  batch: number;
  h: number;
  w: number;
  c: number;
  srcStride: number;
  srcOffset: number;
  scale: number;
}

const heatPlaneKernel = defineKernel<'planes' | 'rate', HeatPlaneAttrs>({
  name: 'HeatPlane',
  inputNames: ['planes', 'rate'],
  webgpu: (backend, { planes, rate }, a) => heatPlaneRun(backend, planes, a.batch, a.h, a.w, a.c, a.srcStride, a.srcOffset, rate, a.scale),
});

/**
 * The heat operator on channels srcOffset .. srcOffset + C - 1 of planes [B, H, W, srcStride] with rate [H, W, C]:
 * [B, H, W, C] in one dispatch ('webgpu'; the caller checks heatPlaneFits).
 */
export function heatPlane(planes: tf.Tensor4D, rate: tf.Tensor3D, scale: number, srcOffset: number): tf.Tensor4D {
  const [batch, h, w, srcStride] = planes.shape;
  const c = rate.shape[2];
  return heatPlaneKernel.run({ planes, rate }, { batch, h, w, c, srcStride, srcOffset, scale });
}

const layerNormResidualKernel = defineKernel<'x' | 'weight' | 'bias' | 'res', { eps: number }>({
  name: 'ChannelLayerNormResidual',
  inputNames: ['x', 'weight', 'bias', 'res'],
  webgpu: (backend, { x, weight, bias, res }, a) => channelLayerNormProgramRun(backend, x, weight, bias, a.eps, res),
});

/** res + LayerNorm over C of x (weight, bias [C]), x and res [B, H, W, C], in one dispatch ('webgpu'). */
export function layerNormResidual(x: tf.Tensor4D, weight: tf.Tensor1D, bias: tf.Tensor1D, res: tf.Tensor4D, eps: number): tf.Tensor4D {
  return layerNormResidualKernel.run({ x, weight, bias, res }, { eps });
}

const explicitHeatStepKernel = defineKernel<'x' | 'logit', { scale: number }>({
  name: 'ExplicitHeatStep',
  inputNames: ['x', 'logit'],
  webgpu: (backend, { x, logit }, a) => explicitHeatStepRun(backend, x, logit, a.scale),
});

/** HcNet's step x + sigmoid(logit) * s * laplacian(x), x [B, H, W, C] (C % 4 == 0), logit [B, C], in one dispatch ('webgpu'). */
export function fusedExplicitHeatStep(x: tf.Tensor4D, logit: tf.Tensor2D, scale: number): tf.Tensor4D {
  return explicitHeatStepKernel.run({ x, logit }, { scale });
}

const groupNormStatsKernel = defineKernel<'x', { eps: number }>({
  name: 'GroupNormStats',
  inputNames: ['x'],
  webgpu: (backend, { x }, a) => groupNormStatsRun(backend, x, a.eps),
});

/** Per sample of x [B, ..., C] (C % 4 == 0): [B, 2] = (mean, 1 / sqrt(var + eps)), one dispatch ('webgpu'). */
export function groupNormStats(x: tf.Tensor, eps: number): tf.Tensor2D {
  return groupNormStatsKernel.run({ x }, { eps });
}

const groupNormOneGroupKernel = defineKernel<'x' | 'weight' | 'bias', { eps: number }>({
  name: 'GroupNormOneGroup',
  inputNames: ['x', 'weight', 'bias'],
  webgpu: (backend, { x, weight, bias }, a) => groupNormStatsRun(backend, x, a.eps, weight, bias),
});

/** GroupNorm with one group of x [B, H, W, C] (C % 4 == 0), weight and bias [C], in one dispatch ('webgpu'). */
export function fusedGroupNorm(x: tf.Tensor4D, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number): tf.Tensor4D {
  return groupNormOneGroupKernel.run({ x, weight, bias }, { eps });
}
