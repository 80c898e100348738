// The equivalent spatial kernel of a vHeat block's operator: its response to a unit point of heat.
// Because the operator is linear, self-adjoint and shift-variant only through the insulated borders, the
// response at q to a point at p equals the response at p to a point at q, and each channel's response
// sums to 1 (the n = m = 0 coefficient is never damped: heat is conserved).

import * as tf from '@tensorflow/tfjs';
import type { DiffusivityScale, HeatModel } from '../models/model';
import { heatConduction, type HeatImpl } from '../ops/heat/heatConduction';
import { rateFromDiffusivity } from '../ops/heat/rate';
import { valueRange } from './displayMaps';
import { AnalysisInputError } from './errors';
import { stageScale } from '../models/diffusivityScale';

export interface MapPosition {
  row: number;
  col: number;
}

/** Response [H,W,C] to a unit of heat placed at `position` in every channel. Caller disposes. */
export function pointResponse(rate: tf.Tensor3D, scale: number, position: MapPosition, impl?: HeatImpl): tf.Tensor3D {
  const [h, w, c] = rate.shape;
  const { row, col } = position;
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || row >= h || col < 0 || col >= w) {
    throw new AnalysisInputError(`point (${row}, ${col}) is outside the ${h}x${w} map`);
  }
  return tf.tidy(() => tf.reshape(heatConduction(unitPoint(h, w, c, position), rate, scale, impl), [h, w, c]) as tf.Tensor3D);
}

/**
 * phi [1,H,W,C]: 1 at `position` in every channel, 0 elsewhere, written on the CPU and uploaded. Not tf.oneHot:
 * tfjs-backend-wasm 4.22's OneHot kernel ignores its dtype attribute and writes int32 values into the float32
 * output, so its 1 reads as the float32 with bit pattern 1 (1.4e-45): the point response came out ~1e-45 on the
 * CPU path (the 'cpu' and 'webgpu' kernels honour the dtype). pointResponse.browser.test.ts compares every backend.
 */
function unitPoint(h: number, w: number, c: number, { row, col }: MapPosition): tf.Tensor4D {
  const data = new Float32Array(h * w * c);
  data.fill(1, (row * w + col) * c, (row * w + col + 1) * c);
  return tf.tensor4d(data, [1, h, w, c]);
}

export type KernelView = { kind: 'mean' } | { kind: 'channel'; channel: number };

export interface SpatialKernelMap {
  height: number;
  width: number;
  position: MapPosition;
  scale: number;
  /** Row-major [H, W]. */
  data: Float32Array;
  range: [number, number];
}

/** The point response reduced to one map: the mean over channels, or one channel. */
export async function spatialKernelMap(rate: tf.Tensor3D, scale: number, position: MapPosition, view: KernelView, impl?: HeatImpl): Promise<SpatialKernelMap> {
  const [h, w, c] = rate.shape;
  if (view.kind === 'channel' && !(Number.isInteger(view.channel) && view.channel >= 0 && view.channel < c)) {
    throw new AnalysisInputError(`channel ${view.channel} is not in 0..${c - 1}`);
  }
  const map = tf.tidy(() => {
    const r = pointResponse(rate, scale, position, impl);
    return view.kind === 'mean' ? tf.mean(r, 2) : tf.reshape(tf.slice(r, [0, 0, view.channel], [h, w, 1]), [h, w]);
  });
  try {
    const data = (await map.data()) as Float32Array;
    return { height: h, width: w, position: { ...position }, scale, data, range: valueRange(data) };
  } finally {
    map.dispose();
  }
}

/**
 * The rate map of a vHeat block at an h x w map, from model.diffusivity: (w_n^2 + w_m^2) k. Null for a
 * model without a heat operator (HcNet). Caller disposes.
 */
export function blockRate(model: HeatModel, stage: number, block: number, h: number, w: number): tf.Tensor3D | null {
  const k = model.diffusivity(stage, block, h, w);
  if (!k) return null;
  try {
    return rateFromDiffusivity(k);
  } finally {
    k.dispose();
  }
}

/**
 * The spatial kernel of block (stage, block) of a vHeat model at an h x w map, with the stage's diffusion
 * multiplier s = global * perStage[stage]. Null for HcNet.
 */
export async function blockSpatialKernel(
  model: HeatModel,
  stage: number,
  block: number,
  size: { height: number; width: number },
  position: MapPosition,
  view: KernelView,
  opts: { diffusivity?: DiffusivityScale; impl?: HeatImpl } = {},
): Promise<SpatialKernelMap | null> {
  const scale = stageScale(opts.diffusivity, stage, model.config.depths.length);
  const rate = blockRate(model, stage, block, size.height, size.width);
  if (!rate) return null;
  try {
    return await spatialKernelMap(rate, scale, position, view, opts.impl);
  } finally {
    rate.dispose();
  }
}
