import * as tf from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import type { HeatKernelAttrs, HeatWgslStrategy } from './heatKernelAttrs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { dctMatrixF32 } from './dctBasis';
import { fastDctSupported } from './fastDctPlan';
import { dctHW } from './heatPortable';
import { defineKernel } from '../defineKernel';
import { heatCpuPass } from './heatCpuKernel';
import { activeProfile, type KernelProfile } from '../../backend/kernelChoice';
import { fastDctTableF32, heatFastDctPass, MAX_FAST_DCT_SIDE } from './heatFastDctProgram';
import { fftWorkgroupShape, heatFftWorkgroupPass, type FftWorkgroupLimits, type FftWorkgroupShape } from './heatFftWorkgroupProgram';
import { fftWorkgroupTableF32 } from './fftWorkgroupPlan';
import { heatSeparablePass, type SeparablePass } from './heatSeparableProgram';

/**
 * How each axis of the WGSL operator is transformed: 'matrix' = the folded cosine-matrix passes
 * (heatSeparableProgram.ts, O(N^2) per line), 'fast' = the FFT-based transform with its FFT in each invocation's
 * private array (heatFastDctProgram.ts: 7-smooth sides up to MAX_FAST_DCT_SIDE), 'fast-workgroup' = the FFT-based
 * transform with its FFT in workgroup memory (heatFftWorkgroupProgram.ts: every side whose FFT, Bluestein's for a
 * prime factor above 7, fits the adapter's workgroup memory). Which one per axis: axisTransform.
 *
 * (A one-dispatch fused program with the plane in workgroup memory was dropped: on SwiftShader it was x0.96 of the
 * portable matMuls at 7x7x768 where the separable passes were x70, 3-80x slower than them at 7 and 14, and its
 * pipeline took ~20 s to compile: BENCHMARKS.md, heat-operator run 2 and the sizes=7 check. The hardware-GPU row
 * runs its successor, heatPlaneProgram.ts, from fusedBlock.ts.)
 */
export type { HeatKernelAttrs, HeatWgslStrategy };

export type AxisTransform = 'matrix' | 'fast' | 'fast-workgroup';

/**
 * Smallest side from which the fast transform beats the matrix passes on the active adapter: the kernel-choice
 * table's row (src/engine/backend/kernelChoice.ts, measured by `npm run bench -- heat-operator`).
 */
export function fastCrossoverSide(): number {
  return activeProfile().heatFastDctFromSide;
}

/** What axisTransform reads of the kernel-choice row. */
export type AxisChoiceRow = Pick<KernelProfile, 'heatFastDctFromSide' | 'heatBluesteinFromSide' | 'heatFftInWorkgroupMemory'>;

/**
 * The transform of an axis of side n. workgroupFits: whether the workgroup program takes n on this device
 * (fftWorkgroupShape). 'matrix' forces the matrix passes; 'fast-workgroup' the workgroup program where it fits;
 * 'fast' the fast DCT wherever a program takes n; 'auto' the fast DCT from the row's crossover (heatFastDctFromSide
 * for 7-smooth sides, heatBluesteinFromSide for the others). The fast DCT's FFT goes to workgroup memory where the row
 * says so (heatFftInWorkgroupMemory) or where only that program takes the side (Bluestein, or 7-smooth above
 * MAX_FAST_DCT_SIDE); a side no fast program takes falls back to the matrix passes.
 */
export function axisTransform(n: number, strategy: HeatWgslStrategy, row: AxisChoiceRow, workgroupFits: boolean): AxisTransform {
  const smooth = fastDctSupported(n);
  const privateFits = smooth && n <= MAX_FAST_DCT_SIDE;
  if (strategy === 'matrix') return 'matrix';
  if (strategy === 'fast-workgroup') return workgroupFits ? 'fast-workgroup' : privateFits ? 'fast' : 'matrix';
  const wanted = strategy === 'fast' || n >= (smooth ? row.heatFastDctFromSide : row.heatBluesteinFromSide);
  if (!wanted) return 'matrix';
  if (workgroupFits && (row.heatFftInWorkgroupMemory || !privateFits)) return 'fast-workgroup';
  return privateFits ? 'fast' : 'matrix';
}

/** One axis: its transform, its table (cosine matrix or fast plan) as a tensor, and the workgroup program's shape. */
interface AxisPlan {
  transform: AxisTransform;
  table: TensorInfo;
  shape: FftWorkgroupShape | null;
}

/** An axis's transform on the active row and this device, its table's values and the workgroup program's shape. */
export function axisTable(n: number, strategy: HeatWgslStrategy, limits: FftWorkgroupLimits): { transform: AxisTransform; data: Float32Array; shape: FftWorkgroupShape | null } {
  const row = activeProfile();
  const shape = fftWorkgroupShape(n, limits, row.heatFftMaxInvocations);
  const transform = axisTransform(n, strategy, row, shape !== null);
  const data = transform === 'fast-workgroup' ? fftWorkgroupTableF32(n) : transform === 'fast' ? fastDctTableF32(n) : dctMatrixF32(n);
  return { transform, data, shape };
}

function axisPlans(backend: WebGPUBackend, h: number, w: number, strategy: HeatWgslStrategy): [AxisPlan, AxisPlan] {
  const make = (n: number): AxisPlan => {
    const { transform, data, shape } = axisTable(n, strategy, backend.device.limits);
    // A length-1 table (the 1x1 matrix) would count as broadcast in tfjs's shader key and compile a second
    // pipeline: such tables get one unused padding value.
    const padded = data.length === 1 ? Float32Array.of(data[0], 0) : data;
    return { transform, table: backend.makeTensorInfo([padded.length], 'float32', padded), shape };
  };
  const alongH = make(h);
  return [alongH, h === w ? alongH : make(w)];
}

function disposePlans(backend: WebGPUBackend, [alongH, alongW]: [AxisPlan, AxisPlan]): void {
  backend.disposeData(alongH.table.dataId);
  if (alongW !== alongH) backend.disposeData(alongW.table.dataId);
}

type PassSettings = Omit<SeparablePass, 'lineShape' | 'tableOffset'>;

/** The operator's passes as a function of (axis, settings): each runs its axis's transform. */
function passRunner(backend: WebGPUBackend, shape: number[], plans: [AxisPlan, AxisPlan], rate: TensorInfo) {
  const [b, h, w, c] = shape;
  const lineShapes: [number, number, number][] = [[b, h, w * c], [b * h, w, c]];
  return (x: TensorInfo, axis: 0 | 1, settings: PassSettings): TensorInfo => {
    const plan = plans[axis];
    const pass: SeparablePass = { ...settings, lineShape: lineShapes[axis], tableOffset: 0 };
    if (plan.transform === 'fast-workgroup') return heatFftWorkgroupPass(backend, x, plan.table, rate, pass, plan.shape!);
    return plan.transform === 'fast' ? heatFastDctPass(backend, x, plan.table, rate, pass) : heatSeparablePass(backend, x, plan.table, rate, pass);
  };
}

/** The WGSL forward: DCT along H, DCT along W with the decay, inverse along W, inverse along H. */
function heatConductionWebgpu(backend: WebGPUBackend, phi: TensorInfo, rate: TensorInfo, strategy: HeatWgslStrategy, scale: number): TensorInfo {
  const [, h, w, c] = phi.shape;
  const plans = axisPlans(backend, h, w, strategy);
  const rateFlat: TensorInfo = { dataId: rate.dataId, shape: [h * w * c], dtype: 'float32' };
  const run = passRunner(backend, phi.shape, plans, rateFlat);
  const common = { rateRows: h, scale };
  const t1 = run(phi, 0, { ...common, inverse: false, decay: false });
  const t2 = run(t1, 1, { ...common, inverse: false, decay: true });
  const t3 = run(t2, 1, { ...common, inverse: true, decay: false });
  const out = run(t3, 0, { ...common, inverse: true, decay: false });
  for (const t of [t1, t2, t3]) backend.disposeData(t.dataId);
  disposePlans(backend, plans);
  return out;
}

/** DCT_HW(x) with the same passes (no decay, no inverse): what the rate gradient needs. */
function dctHWWebgpu(backend: WebGPUBackend, x: TensorInfo, strategy: HeatWgslStrategy): TensorInfo {
  const [, h, w, c] = x.shape;
  const plans = axisPlans(backend, h, w, strategy);
  // No decay: the rate input is never read; any float32 buffer does (x itself, seen flat).
  const unused: TensorInfo = { dataId: x.dataId, shape: [h * w * c], dtype: 'float32' };
  const run = passRunner(backend, x.shape, plans, unused);
  const settings = { rateRows: h, scale: 0, inverse: false, decay: false };
  const t1 = run(x, 0, settings);
  const out = run(t1, 1, settings);
  backend.disposeData(t1.dataId);
  disposePlans(backend, plans);
  return out;
}

/**
 * The operator's kernel: the WGSL passes on 'webgpu' (per axis as `strategy` says), one TypeScript pass on 'wasm'
 * and 'cpu' (heatCpuKernel.ts: 'matrix' = the cosine matrices, 'fast' = the fast DCT of any side, 'auto' by
 * cpuHeatChoice).
 * Gradient: the operator is linear and self-adjoint in phi, so d/dphi = the same kernel on dy.
 * d/drate[n,m,c] = -s * exp(-s rate) * sum_b DCT(phi)[b,n,m,c] * DCT(dy)[b,n,m,c], with the DCTs done by the same
 * per-axis choice (matrix or fast) as the forward.
 */
export const heatConductionKernel = defineKernel<'phi' | 'rate', HeatKernelAttrs>({
  name: 'HeatConduction',
  inputNames: ['phi', 'rate'],
  webgpu: (backend, { phi, rate }, { strategy, scale }) => heatConductionWebgpu(backend, phi, rate, strategy, scale),
  cpu: heatCpuPass,
  grad: {
    inputsToSave: ['phi', 'rate'],
    gradFunc: (dy, saved, attrs) => {
      const [phi, rate] = saved as [tf.Tensor4D, tf.Tensor3D];
      const { scale, strategy } = attrs as HeatKernelAttrs;
      const dy4 = dy as tf.Tensor4D;
      return {
        phi: () => runHeatKernel(dy4, rate, scale, strategy),
        rate: () =>
          tf.tidy(() => {
            const prod = tf.sum(tf.mul(dctHWForStrategy(phi, strategy), dctHWForStrategy(dy4, strategy)), 0);
            return tf.mul(prod, tf.mul(tf.exp(tf.mul(rate, -scale)), -scale));
          }),
      };
    },
  },
});

/** Name of the tfjs kernel behind the operator. */
export const HEAT_CONDUCTION_KERNEL = heatConductionKernel.name;

/** DCT_HW(x) alone (the rate gradient's transforms) with the operator's WGSL passes; 'webgpu' only, no gradient. */
const heatDctHWKernel = defineKernel<'x', HeatKernelAttrs>({
  name: 'HeatDctHW',
  inputNames: ['x'],
  webgpu: (backend, { x }, { strategy }) => dctHWWebgpu(backend, x, strategy),
});

/** Runs the kernel on the active backend ('webgpu', 'wasm' or 'cpu'). */
export function runHeatKernel(phi: tf.Tensor4D, rate: tf.Tensor3D, scale: number, strategy: HeatWgslStrategy = 'auto'): tf.Tensor4D {
  return heatConductionKernel.run({ phi, rate }, { scale, strategy });
}

/** DCT_HW(x): the WGSL passes of the given strategy on 'webgpu', the portable matMuls elsewhere. */
export function dctHWForStrategy(x: tf.Tensor4D, strategy: HeatWgslStrategy): tf.Tensor4D {
  if (tf.getBackend() !== 'webgpu') return dctHW(x);
  return heatDctHWKernel.run({ x }, { scale: 0, strategy });
}
