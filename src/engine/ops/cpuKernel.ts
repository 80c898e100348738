// Shared plumbing of the engine's plain-TypeScript kernels for tfjs's CPU-side backends, 'wasm' (the CPU
// fallback in the browser) and 'cpu' (the last resort, and Node). A fused kernel here replaces a chain of tfjs
// ops, each of which would read and write the whole tensor once and cost a kernel launch: e.g. a LayerNorm is
// 8 wasm kernels (moments, sub, rsqrt, mul, add...) but one pass of this plumbing over the same float32 data.
// The kernel body sees plain Float32Arrays: on 'wasm' they are views of the module's heap (no copy), on 'cpu'
// the backend's own arrays.
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { InternalError } from '../errors';

/** The backends a CpuKernel is registered for. */
export const CPU_SIDE_BACKENDS = ['wasm', 'cpu'] as const;

/** Whether the active backend runs the engine's TypeScript kernels. */
export function onCpuSideBackend(): boolean {
  return (CPU_SIDE_BACKENDS as readonly string[]).includes(tf.getBackend());
}

export interface CpuKernel<A extends NamedAttrMap> {
  kernelName: string;
  /** The kernel's named inputs, in the order `run` receives their data. */
  inputNames: readonly string[];
  outputShape(inputs: readonly TensorInfo[], attrs: A): number[];
  /** Writes the output; `out` never aliases an input. */
  run(inputs: readonly Float32Array[], shapes: readonly number[][], out: Float32Array, attrs: A): void;
}

/** The part of tfjs-backend-wasm's BackendWasm the plumbing uses. */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}

function isWasmHeapBackend(b: object): b is KernelBackend & WasmHeapBackend {
  const c = b as Partial<WasmHeapBackend>;
  return typeof c.makeOutput === 'function' && typeof c.typedArrayFromHeap === 'function';
}

/** The part of tfjs-backend-cpu's MathBackendCPU the plumbing uses. */
interface CpuArrayBackend {
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

function isCpuArrayBackend(b: object): b is KernelBackend & CpuArrayBackend {
  return typeof (b as Partial<CpuArrayBackend>).makeTensorInfo === 'function';
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, d) => a * d, 1);
}

function checkFloat32(kernelName: string, infos: readonly TensorInfo[]): void {
  for (const t of infos) if (t.dtype !== 'float32') throw new InternalError(`${kernelName}: inputs must be float32, got ${t.dtype}`);
}

/**
 * A kernel's run on several threads (ops/cpuPool/pooledKernels.ts registers them while the CPU pool runs): true when
 * it wrote `out`, false to leave the work to the kernel's own run on this thread. On 'wasm' only, whose tensors sit
 * in shared memory when tfjs-wasm runs threaded.
 */
export type ParallelRun = (inputs: readonly Float32Array[], shapes: readonly number[][], out: Float32Array, attrs: NamedAttrMap) => boolean;

const parallelRuns = new Map<string, ParallelRun>();

/** Sets (or, with null, removes) the parallel run of the kernel named `kernelName`. */
export function setParallelRun(kernelName: string, run: ParallelRun | null): void {
  if (run) parallelRuns.set(kernelName, run);
  else parallelRuns.delete(kernelName);
}

function wasmKernelFunc<A extends NamedAttrMap>(k: CpuKernel<A>): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    if (!isWasmHeapBackend(backend)) throw new InternalError(`${k.kernelName}: the 'wasm' backend lacks makeOutput/typedArrayFromHeap`);
    const infos = k.inputNames.map((n) => inputs[n] as TensorInfo);
    checkFloat32(k.kernelName, infos);
    const shape = k.outputShape(infos, attrs as A);
    const out = backend.makeOutput(shape, 'float32');
    if (size(shape) === 0) return out;
    // Views are taken after the output's allocation: a heap growth there would detach earlier views.
    const data = infos.map((t) => backend.typedArrayFromHeap(t));
    const shapes = infos.map((t) => t.shape);
    const outData = backend.typedArrayFromHeap(out);
    if (!parallelRuns.get(k.kernelName)?.(data, shapes, outData, attrs ?? {})) k.run(data, shapes, outData, attrs as A);
    return out;
  };
}

function cpuKernelFunc<A extends NamedAttrMap>(k: CpuKernel<A>): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    if (!isCpuArrayBackend(backend)) throw new InternalError(`${k.kernelName}: the 'cpu' backend lacks makeTensorInfo`);
    const infos = k.inputNames.map((n) => inputs[n] as TensorInfo);
    checkFloat32(k.kernelName, infos);
    const shape = k.outputShape(infos, attrs as A);
    const out = new Float32Array(size(shape));
    const data = infos.map((t) => backend.readSync(t.dataId) as Float32Array);
    if (out.length > 0) k.run(data, infos.map((t) => t.shape), out, attrs as A);
    return backend.makeTensorInfo(shape, 'float32', out);
  };
}

/** Registers `k` for 'wasm' and 'cpu', and its gradient if given, once (safe to call on every use). */
export function registerCpuKernelOnce<A extends NamedAttrMap>(k: CpuKernel<A>, gradient?: GradConfig): void {
  if (!tf.getKernel(k.kernelName, 'wasm')) tf.registerKernel({ kernelName: k.kernelName, backendName: 'wasm', kernelFunc: wasmKernelFunc(k) });
  if (!tf.getKernel(k.kernelName, 'cpu')) tf.registerKernel({ kernelName: k.kernelName, backendName: 'cpu', kernelFunc: cpuKernelFunc(k) });
  if (gradient && !tf.getGradient(k.kernelName)) tf.registerGradient(gradient);
}
