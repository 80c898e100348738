// One way to define an op's own tfjs kernel and one vocabulary for choosing it.
//
//  - 'kernel': our kernel, one tfjs kernel per op: a WGSL program on 'webgpu', a TypeScript pass on 'wasm' and 'cpu'
//    (where the op has them);
//  - 'tfjs': the same computation with tfjs ops, on any backend;
//  - 'auto': 'kernel' where the active backend has it, else 'tfjs'.
//
// defineKernel registers the kernel for its backends and its gradient the first time it runs, so an op never
// repeats the registration (a flag, an ensureXRegistered, an adapter per backend). The heat operator (ops/heat)
// is defined here too; its HeatImpl is OpImpl plus the two WGSL strategies it can force.
import * as tf from '@tensorflow/tfjs';
import type { DataType, GradConfig, KernelFunc, NamedAttrMap, NamedTensorMap, TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { CPU_SIDE_BACKENDS, registerCpuKernelOnce, type CpuKernel } from './cpuKernel';
import { registerWebgpuKernelOnce } from './webgpuProgram';
import { UnavailableError } from '../errors';

/** Which implementation of an op runs (see the top of this file). */
export type OpImpl = 'auto' | 'kernel' | 'tfjs';

export interface KernelSpec<I extends string, A extends NamedAttrMap> {
  /** The tfjs kernel name: what the op computes, never the backend ('ChannelLayerNorm', not 'ChannelLayerNormWgsl'). */
  name: string;
  /** The kernel's named inputs, in the order the TypeScript pass receives their data. */
  inputNames: readonly I[];
  /** The WGSL program on the 'webgpu' backend. */
  webgpu?: (backend: WebGPUBackend, inputs: Record<I, TensorInfo>, attrs: A) => TensorInfo;
  /** The TypeScript pass on 'wasm' and 'cpu'. */
  cpu?: Pick<CpuKernel<A>, 'outputShape' | 'run'>;
  /** The gradient, shared by every backend (none for a kernel that is never differentiated through). */
  grad?: Omit<GradConfig, 'kernelName'>;
}

export interface Kernel<I extends string, A extends NamedAttrMap> {
  readonly name: string;
  /** Whether the active backend has this kernel. */
  onActiveBackend(): boolean;
  /** Runs the kernel on the active backend (registering it and its gradient the first time). */
  run<T extends tf.Tensor>(inputs: Record<I, tf.Tensor>, attrs?: A): T;
}

export function defineKernel<I extends string, A extends NamedAttrMap = NamedAttrMap>(spec: KernelSpec<I, A>): Kernel<I, A> {
  const backends: string[] = [...(spec.webgpu ? ['webgpu'] : []), ...(spec.cpu ? CPU_SIDE_BACKENDS : [])];
  const gradient: GradConfig | undefined = spec.grad && { kernelName: spec.name, ...spec.grad };
  let registered = false;
  const register = () => {
    if (spec.webgpu) {
      const webgpu = spec.webgpu;
      const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) =>
        webgpu(backend as WebGPUBackend, inputs as Record<I, TensorInfo>, attrs as A);
      registerWebgpuKernelOnce(spec.name, kernelFunc, gradient);
    }
    if (spec.cpu) registerCpuKernelOnce({ kernelName: spec.name, inputNames: spec.inputNames, ...spec.cpu }, gradient);
    registered = true;
  };
  return {
    name: spec.name,
    onActiveBackend: () => backends.includes(tf.getBackend()),
    run<T extends tf.Tensor>(inputs: Record<I, tf.Tensor>, attrs?: A): T {
      if (!registered) register();
      return tf.engine().runKernel(spec.name, inputs as unknown as NamedTensorMap, attrs ?? {}) as T;
    },
  };
}

/**
 * Whether op `op` runs `kernel` for `impl` on the active backend with input dtype `dtype`: 'tfjs' never, 'auto'
 * when the backend has the kernel and the input is float32, 'kernel' always (throws where the backend lacks it).
 */
export function runsKernel(op: string, impl: OpImpl, kernel: Pick<Kernel<never, never>, 'onActiveBackend'>, dtype: DataType): boolean {
  if (impl === 'tfjs') return false;
  const here = kernel.onActiveBackend();
  if (impl === 'kernel' && !here) throw new UnavailableError(`${op}: impl 'kernel' has no kernel on the '${tf.getBackend()}' backend`);
  return here && dtype === 'float32';
}
