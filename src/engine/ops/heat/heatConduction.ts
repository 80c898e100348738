import * as tf from '@tensorflow/tfjs';
import { onCpuSideBackend } from '../cpuKernel';
import type { OpImpl } from '../defineKernel';
import { cpuHeatChoice } from './heatCpuKernel';
import { runHeatKernel, type HeatWgslStrategy } from './heatKernel';
import { heatConductionPortable } from './heatPortable';
import { InternalError, UnavailableError } from '../../errors';

/**
 * The ops' choices (defineKernel.ts's OpImpl): 'kernel': our kernel (heatConductionKernel), the WGSL program on
 * 'webgpu' (each axis on the cosine-matrix passes or the fast transform, by the measured crossover) and the
 * TypeScript pass on 'wasm' and 'cpu'; 'tfjs': tfjs ops (matMuls by the cosine matrices), any backend; 'auto': the
 * kernel on 'webgpu'; on 'wasm'/'cpu' the kernel on the cosine matrices for small maps, the kernel on the fast DCT for
 * maps of large sides and tfjs ops between (cpuHeatChoice, measured); tfjs ops elsewhere. Heat's own, for benchmarks and tests: 'wgsl-matrix' / 'wgsl-fast': the WGSL
 * program with every axis on the cosine-matrix passes / on the fast transform where its side allows.
 */
export type HeatImpl = OpImpl | 'wgsl-matrix' | 'wgsl-fast';

const WGSL_STRATEGY: Partial<Record<HeatImpl, HeatWgslStrategy>> = { 'wgsl-matrix': 'matrix', 'wgsl-fast': 'fast' };

/** Checks the operator's arguments; throws an Error naming what is wrong. */
export function checkHeatArgs(phi: tf.Tensor4D, rate: tf.Tensor3D, scale: number): void {
  if (phi.rank !== 4) throw new InternalError(`heatConduction: phi must be [B,H,W,C], got shape [${phi.shape}]`);
  if (rate.rank !== 3) throw new InternalError(`heatConduction: rate must be [H,W,C], got shape [${rate.shape}]`);
  const [, h, w, c] = phi.shape;
  if (rate.shape[0] !== h || rate.shape[1] !== w || rate.shape[2] !== c) {
    throw new InternalError(`heatConduction: rate shape [${rate.shape}] does not match phi [${phi.shape}] (needs [${h},${w},${c}])`);
  }
  if (!(Number.isFinite(scale) && scale >= 0)) throw new InternalError(`heatConduction: scale must be finite and >= 0, got ${scale}`);
  if (phi.dtype !== 'float32' || rate.dtype !== 'float32') throw new InternalError('heatConduction: phi and rate must be float32');
}

/**
 * phi [B,H,W,C]; rate [H,W,C] = (w_n^2 + w_m^2) * k[n,m,c] >= 0 (finite); scale s >= 0.
 * Returns IDCT_HW( DCT_HW(phi) * exp(-s * rate) ), orthonormal DCT-II per axis (own N per axis).
 * Differentiable w.r.t. phi and rate with tf.grad on every path.
 */
export function heatConduction(phi: tf.Tensor4D, rate: tf.Tensor3D, scale: number, impl: HeatImpl = 'auto'): tf.Tensor4D {
  checkHeatArgs(phi, rate, scale);
  const onWebgpu = tf.getBackend() === 'webgpu';
  const onCpuSide = onCpuSideBackend();
  const wgslOnly = impl === 'wgsl-matrix' || impl === 'wgsl-fast';
  if (wgslOnly && !onWebgpu) {
    throw new UnavailableError(`heatConduction: impl '${impl}' needs the 'webgpu' backend, the active one is '${tf.getBackend()}'`);
  }
  if (impl === 'kernel' && !onWebgpu && !onCpuSide) {
    throw new UnavailableError(`heatConduction: impl 'kernel' has no kernel on the '${tf.getBackend()}' backend (it has one on webgpu, wasm and cpu)`);
  }
  if (impl === 'tfjs') return heatConductionPortable(phi, rate, scale);
  if (onWebgpu) return runHeatKernel(phi, rate, scale, WGSL_STRATEGY[impl] ?? 'auto');
  if (impl === 'kernel' || (onCpuSide && cpuHeatChoice(phi.shape) !== 'portable')) return runHeatKernel(phi, rate, scale);
  return heatConductionPortable(phi, rate, scale);
}
