// PCA of channel vectors over pixels: the basis that colours a feature map as RGB.
// The basis is computed once (at t = 0 for heat frames) and every frame is projected on it,
// so colours stay comparable across frames.

import { AnalysisInputError } from './errors';
import { topEigenpairs } from './symmetricEigen';

export interface PrincipalBasis {
  channels: number;
  /** Per-channel mean of the data the basis was fitted on (length C). */
  mean: Float64Array;
  /** k components as rows (component i = components[i*C .. i*C+C)), unit length, sign fixed. */
  components: Float64Array;
  /** Variance along each component (eigenvalues of the covariance), descending. */
  variances: Float64Array;
}

/**
 * Basis from a channel mean (length C) and a covariance (C x C, population: divided by the number of
 * points). k = 3 for RGB; k is capped at C (a map with fewer channels gets fewer components).
 */
export function principalBasisFromCovariance(mean: ArrayLike<number>, covariance: ArrayLike<number>, channels: number, k = 3): PrincipalBasis {
  if (mean.length !== channels || covariance.length !== channels * channels) {
    throw new AnalysisInputError(`PCA: mean/covariance sizes ${mean.length}/${covariance.length} do not fit ${channels} channels`);
  }
  const kk = Math.min(k, channels);
  const { values, vectors } = topEigenpairs(covariance, channels, kk);
  return { channels, mean: Float64Array.from(mean), components: vectors, variances: values.map((v) => Math.max(v, 0)) };
}

/** Mean and population covariance of `points` rows of `channels` values (row-major), in float64. */
export function channelMeanAndCovariance(data: ArrayLike<number>, points: number, channels: number): { mean: Float64Array; covariance: Float64Array } {
  if (data.length !== points * channels || points < 1) {
    throw new AnalysisInputError(`PCA: ${data.length} values are not ${points} points x ${channels} channels`);
  }
  const mean = new Float64Array(channels);
  for (let p = 0; p < points; p++) for (let c = 0; c < channels; c++) mean[c] += data[p * channels + c];
  for (let c = 0; c < channels; c++) mean[c] /= points;
  // Centred data, channel-major (one contiguous column per channel), so each covariance entry is one
  // contiguous dot product: ~P*C^2/2 multiply-adds in registers rather than read-modify-writes.
  const columns = new Float64Array(channels * points);
  for (let p = 0; p < points; p++) for (let c = 0; c < channels; c++) columns[c * points + p] = data[p * channels + c] - mean[c];
  const covariance = new Float64Array(channels * channels);
  for (let i = 0; i < channels; i++) {
    const oi = i * points;
    for (let j = i; j < channels; j++) {
      const oj = j * points;
      let s = 0;
      for (let p = 0; p < points; p++) s += columns[oi + p] * columns[oj + p];
      covariance[i * channels + j] = s / points;
      covariance[j * channels + i] = s / points;
    }
  }
  return { mean, covariance };
}

/** PCA basis of pixel rows (pure JS; the GPU path computes the covariance with tensors instead). */
export function principalBasis(data: ArrayLike<number>, points: number, channels: number, k = 3): PrincipalBasis {
  const { mean, covariance } = channelMeanAndCovariance(data, points, channels);
  return principalBasisFromCovariance(mean, covariance, channels, k);
}

/** Coordinates of each row on the basis: (x - mean) . component_i, as points x k row-major. */
export function projectOnBasis(data: ArrayLike<number>, points: number, basis: PrincipalBasis): Float32Array {
  const c = basis.channels;
  if (data.length !== points * c) throw new AnalysisInputError(`PCA: ${data.length} values are not ${points} x ${c}`);
  const k = basis.variances.length;
  const out = new Float32Array(points * k);
  for (let p = 0; p < points; p++) {
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < c; j++) s += (data[p * c + j] - basis.mean[j]) * basis.components[i * c + j];
      out[p * k + i] = s;
    }
  }
  return out;
}
