import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { dctMatrixF32, dctHW } from './heatPortable';
import { fusedFits, heatFusedRun } from './heatFusedProgram';
import { registerCpuKernelOnce } from '../cpuKernel';
import { registerWebgpuKernelOnce } from '../webgpuProgram';
import { heatCpuKernel } from './heatCpuKernel';
import { heatSeparablePass } from './heatSeparableProgram';
import { activeProfile, heatStrategyFor } from '../../backend/kernelChoice';

/**
 * Name of the tfjs kernel behind the operator: the WGSL programs on 'webgpu', one TypeScript pass on 'wasm' and
 * 'cpu' (heatCpuKernel.ts; the strategy attribute is WGSL's only).
 */
export const HEAT_CONDUCTION_KERNEL = 'HeatConduction';

/** Which WGSL program runs ('auto': see chooseStrategy). */
export type HeatWgslStrategy = 'auto' | 'fused' | 'separable';

export interface HeatKernelAttrs extends NamedAttrMap {
  scale: number;
  strategy: HeatWgslStrategy;
}

/**
 * The program 'auto' uses for phi of this shape on the active adapter: the kernel-choice table's crossover
 * (src/engine/backend/kernelChoice.ts), and only where the fused program fits. On SwiftShader (BENCHMARKS.md) the
 * fused program is no faster at the sizes it fits and its pipeline takes ~20 s to compile (barriers): separable.
 */
export function chooseStrategy(shape: readonly number[]): 'fused' | 'separable' {
  return heatStrategyFor(activeProfile(), shape) === 'fused' && fusedFits(shape) ? 'fused' : 'separable';
}

/** [D_H | D_W] as one flat float32 table (float64 cosines rounded once): D_H at 0, D_W at H*H. */
function cosineTable(h: number, w: number): Float32Array {
  const out = new Float32Array(h * h + w * w);
  out.set(dctMatrixF32(h), 0);
  out.set(dctMatrixF32(w), h * h);
  return out;
}

/**
 * The WGSL forward: either the fused program (one dispatch) or four separable passes: DCT along H,
 * DCT along W with the decay, inverse along W, inverse along H.
 */
function heatConductionWebgpu(args: { inputs: { phi: TensorInfo; rate: TensorInfo }; backend: WebGPUBackend; attrs: HeatKernelAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { phi, rate } = inputs;
  const [b, h, w, c] = phi.shape;
  const table = backend.makeTensorInfo([h * h + w * w], 'float32', cosineTable(h, w));
  const rateFlat: TensorInfo = { dataId: rate.dataId, shape: [h * w * c], dtype: 'float32' };
  const strategy = attrs.strategy === 'auto' ? chooseStrategy(phi.shape) : attrs.strategy;
  if (strategy === 'fused') {
    const fusedOut = heatFusedRun(backend, phi, table, rateFlat, attrs.scale);
    backend.disposeData(table.dataId);
    return fusedOut;
  }
  const common = { rateRows: h, scale: attrs.scale };
  const alongH = { lineShape: [b, h, w * c] as [number, number, number], tableOffset: 0 };
  const alongW = { lineShape: [b * h, w, c] as [number, number, number], tableOffset: h * h };
  const t1 = heatSeparablePass(backend, phi, table, rateFlat, { ...common, ...alongH, inverse: false, decay: false });
  const t2 = heatSeparablePass(backend, t1, table, rateFlat, { ...common, ...alongW, inverse: false, decay: true });
  const t3 = heatSeparablePass(backend, t2, table, rateFlat, { ...common, ...alongW, inverse: true, decay: false });
  const out = heatSeparablePass(backend, t3, table, rateFlat, { ...common, ...alongH, inverse: true, decay: false });
  for (const t of [t1, t2, t3, table]) backend.disposeData(t.dataId);
  return out;
}

/** Runs the registered kernel on the active backend ('webgpu', 'wasm' or 'cpu'). */
export function runHeatKernel(phi: tf.Tensor4D, rate: tf.Tensor3D, scale: number, strategy: HeatWgslStrategy = 'auto'): tf.Tensor4D {
  ensureHeatKernelRegistered();
  if (strategy === 'fused' && tf.getBackend() === 'webgpu' && !fusedFits(phi.shape)) throw new Error(`heatConduction: [${phi.shape}] does not fit the fused WGSL program`);
  const attrs: HeatKernelAttrs = { scale, strategy };
  return tf.engine().runKernel(HEAT_CONDUCTION_KERNEL, { phi, rate }, attrs) as tf.Tensor4D;
}

/**
 * Gradient of the WGSL kernel. The operator is linear and self-adjoint in phi, so d/dphi = the same
 * kernel on dy. d/drate[n,m,c] = -s * exp(-s rate) * sum_b DCT(phi)[b,n,m,c] * DCT(dy)[b,n,m,c].
 */
const heatGradConfig: GradConfig = {
  kernelName: HEAT_CONDUCTION_KERNEL,
  inputsToSave: ['phi', 'rate'],
  gradFunc: (dy, saved, attrs) => {
    const [phi, rate] = saved as [tf.Tensor4D, tf.Tensor3D];
    const { scale, strategy } = attrs as HeatKernelAttrs;
    const dy4 = dy as tf.Tensor4D;
    return {
      phi: () => runHeatKernel(dy4, rate, scale, strategy),
      rate: () =>
        tf.tidy(() => {
          const prod = tf.sum(tf.mul(dctHW(phi), dctHW(dy4)), 0);
          return tf.mul(prod, tf.mul(tf.exp(tf.mul(rate, -scale)), -scale));
        }),
    };
  },
};

let registered = false;

/** Registers the kernel for its three backends and its gradient once (idempotent). */
export function ensureHeatKernelRegistered(): void {
  if (registered) return;
  registerWebgpuKernelOnce(HEAT_CONDUCTION_KERNEL, heatConductionWebgpu as unknown as KernelFunc, heatGradConfig);
  registerCpuKernelOnce(heatCpuKernel(HEAT_CONDUCTION_KERNEL));
  registered = true;
}
