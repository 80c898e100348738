// Shared plumbing of the hand-written WGSL programs (src/engine/ops/*/*Program.ts) and their tfjs kernels.
import * as tf from '@tensorflow/tfjs';
import type { GradConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/** Most workgroups one dimension of a dispatch may have (WebGPU default limit). */
export const MAX_WORKGROUPS_PER_DIMENSION = 65535;

/**
 * Workgroup counts for `workItems` invocations of a 1-D program with `workgroupWidth`-wide groups. Always a 2-D
 * dispatch (never tfjs's 'flat' one), so tfjs's shader key never changes with the size; the shader must bounds-check
 * the linearised index its main(index) receives.
 */
export function linearDispatch(workItems: number, workgroupWidth: number): [number, number, number] {
  const groups = Math.ceil(workItems / workgroupWidth);
  if (groups <= 2 * MAX_WORKGROUPS_PER_DIMENSION) return [Math.max(1, Math.ceil(groups / 2)), 2, 1];
  const side = Math.ceil(Math.sqrt(groups));
  return [side, side, 1];
}

/** What one of the engine's programs says about itself; the rest is the same for all (LinearProgram). */
export interface LinearProgramSpec {
  outputShape: number[];
  /** The input bindings, in the order runWebGPUProgram receives the inputs. */
  variableNames: string[];
  /** Lanes per element of each input (1 or 4). */
  variableComponents: number[];
  /** Lanes per element of the output (1 or 4). */
  outputComponent: number;
  /** The uniforms' WGSL declaration (UniformTable.declaration). */
  uniforms: string;
  /** Invocations of one dispatch. */
  workItems: number;
  /** Everything the WGSL text depends on besides the shapes, so one pipeline serves every size. */
  shaderKey: string;
}

/**
 * The frame of every hand-written program: a linear dispatch (linearDispatch) of 64-wide workgroups over the
 * spec's invocations, each receiving main(index) and bounds-checking it itself (no 'size' uniform). Subclasses give
 * the spec and the WGSL.
 */
export abstract class LinearProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames: string[];
  variableComponents: number[];
  outputComponent: number;
  uniforms: string;
  workgroupSize: [number, number, number] = [64, 1, 1];
  size = false;

  constructor(spec: LinearProgramSpec) {
    this.outputShape = spec.outputShape;
    this.shaderKey = spec.shaderKey;
    this.variableNames = spec.variableNames;
    this.variableComponents = spec.variableComponents;
    this.outputComponent = spec.outputComponent;
    this.uniforms = spec.uniforms;
    this.dispatchLayout = { x: spec.outputShape.map((_, axis) => axis) };
    this.dispatch = linearDispatch(spec.workItems, this.workgroupSize[0]);
  }

  abstract getUserCode(): string;
}

/** The same data seen as a rank-1 tensor (no copy), so a program's shader key does not depend on its shape. */
export function flatView(t: TensorInfo): TensorInfo {
  return { dataId: t.dataId, shape: [t.shape.reduce((a, d) => a * d, 1)], dtype: t.dtype };
}

/** WGSL types of a program's uniforms, and the tfjs uniform type each is passed as. */
const UNIFORM_DATA_TYPE = { i32: 'int32', f32: 'float32' } as const;
export type UniformType = keyof typeof UNIFORM_DATA_TYPE;

/** The uniforms of a program, declared once: the WGSL declaration and the values tfjs passes come from one table. */
export interface UniformTable<K extends string> {
  /** For WebGPUProgram.uniforms, e.g. 'rows : i32, eps : f32,'. */
  declaration: string;
  /** For runWebGPUProgram, in the declaration's order. */
  values(values: Record<K, number>): { type: string; data: number[] }[];
}

/** A uniform table from { name: WGSL type } (the declaration follows the object's key order). */
export function uniformTable<K extends string>(types: Record<K, UniformType>): UniformTable<K> {
  const entries = Object.entries(types) as [K, UniformType][];
  return {
    declaration: entries.map(([name, type]) => `${name} : ${type},`).join(' '),
    values: (values) => entries.map(([name, type]) => ({ type: UNIFORM_DATA_TYPE[type], data: [values[name]] })),
  };
}

/** Registers a kernel for the 'webgpu' backend and its gradient if given, once (safe to call on every use). */
export function registerWebgpuKernelOnce(kernelName: string, kernelFunc: KernelFunc, gradient?: GradConfig): void {
  if (!tf.getKernel(kernelName, 'webgpu')) tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc });
  if (gradient && !tf.getGradient(kernelName)) tf.registerGradient(gradient);
}
