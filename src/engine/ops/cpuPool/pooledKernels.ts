// The engine's CPU kernels on the CPU pool (cpuPool.ts): the fast heat step, the exact GELU and the channel
// LayerNorm, hooked into tfjs-wasm's kernels (cpuKernel.ts setParallelRun) while the pool runs. Operands on
// tfjs-wasm's shared heap are used in place; the heat step's planes (and its operands when they are not on the heap)
// go through the pool's own buffer. Work too small to pay for waking the helpers stays on the calling thread.
import * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { setParallelRun } from '../cpuKernel';
import { GELU_ERF_KERNEL } from '../gelu/geluCpuKernel';
import { cpuKernelTransform } from '../heat/heatCpuKernel';
import { HEAT_CONDUCTION_KERNEL } from '../heat/heatKernel';
import type { HeatKernelAttrs } from '../heat/heatKernelAttrs';
import { CHANNEL_LAYER_NORM_KERNEL } from '../norm/channelLayerNormKernel';
import { activePool, reserve, runPass, startCpuPool, stopCpuPool, type Pool } from './cpuPool';
import { ELEMENTWISE, HEAT, NORM, REGION, TASK } from './cpuPoolShare';

/**
 * Fewest values for which the GELU and the LayerNorm are split: waking a helper costs tens of microseconds, a value
 * of GELU ~4 ns (cpu-threads profile, BENCHMARKS.md "CPU-path threads"), so below 2^15 values one thread is as fast.
 */
export const POOLED_MIN_VALUES = 2 ** 15;

/** Writes operand (region, float32 offset) at ctrl[at]: in place on the heap, or copied into the data buffer at `dataAt` (`copyIn`). */
function placeOperand(p: Pool, at: number, a: Float32Array, dataAt: number, copyIn: boolean): void {
  const { ctrl, f32 } = p.views;
  const heap = p.buffers.heap;
  if (heap && a.buffer === heap.buffer) {
    ctrl[at] = REGION.HEAP;
    ctrl[at + 1] = a.byteOffset / 4;
    return;
  }
  ctrl[at] = REGION.DATA;
  ctrl[at + 1] = dataAt;
  if (copyIn) f32.set(a, dataAt);
}

function onHeap(p: Pool, ...arrays: Float32Array[]): boolean {
  const heap = p.buffers.heap;
  return heap !== null && arrays.every((a) => a.buffer === heap.buffer);
}

/**
 * out = IDCT_HW(DCT_HW(phi) * exp(-scale * rate)) for phi [B,H,W,C] (NHWC), rate [H,W,C], on every thread of the pool
 * (heatConductionFast's contract and result). False, with nothing done, when there is no pool or the work is past
 * the data buffer's ceiling, or when a helper failed (the caller then runs heatConductionFast itself).
 */
export function heatConductionPooled(phi: Float32Array, [b, h, w, c]: readonly number[], rate: Float32Array, scale: number, out: Float32Array): boolean {
  const p = activePool();
  if (!p) return false;
  const size = h * w * c;
  const inPlace = onHeap(p, phi, rate, out);
  // Data buffer: the planes (+ a line of zeros) as float64; then, unless on the heap, rate and one image of phi / out.
  const rateAt = 2 * (size + h);
  const imageAt = rateAt + size;
  if (!reserve(p, inPlace ? 4 * rateAt : 4 * (imageAt + size))) return false;
  const { ctrl, floats, f32 } = p.views;
  ctrl[HEAT.H] = h;
  ctrl[HEAT.W] = w;
  ctrl[HEAT.C] = c;
  ctrl[HEAT.PLANES] = 0;
  floats[0] = scale;
  placeOperand(p, HEAT.RATE, rate.subarray(0, size), rateAt, true);
  for (let bi = 0; bi < b; bi++) {
    const image = phi.subarray(bi * size, (bi + 1) * size);
    const outImage = out.subarray(bi * size, (bi + 1) * size);
    placeOperand(p, HEAT.PHI, image, imageAt, true);
    placeOperand(p, HEAT.OUT, outImage, imageAt, false);
    if (!runPass(p, TASK.HEAT_ROWS_FORWARD) || !runPass(p, TASK.HEAT_COLUMNS) || !runPass(p, TASK.HEAT_ROWS_INVERSE)) return false;
    if (ctrl[HEAT.OUT] === REGION.DATA) outImage.set(f32.subarray(imageAt, imageAt + size));
  }
  return true;
}

/** The exact GELU of x into out on every thread, in place on tfjs-wasm's heap; false to leave it to the caller. */
export function geluPooled(x: Float32Array, out: Float32Array): boolean {
  const p = activePool();
  if (!p || x.length < POOLED_MIN_VALUES || !onHeap(p, x, out)) return false;
  p.views.ctrl[ELEMENTWISE.N] = x.length;
  placeOperand(p, ELEMENTWISE.X, x, 0, false);
  placeOperand(p, ELEMENTWISE.OUT, out, 0, false);
  return runPass(p, TASK.GELU);
}

/** The channel LayerNorm of x (rows of weight.length) into out on every thread, in place; false to leave it to the caller. */
export function layerNormPooled(x: Float32Array, weight: Float32Array, bias: Float32Array, eps: number, out: Float32Array): boolean {
  const p = activePool();
  if (!p || x.length < POOLED_MIN_VALUES || !onHeap(p, x, weight, bias, out)) return false;
  const { ctrl, floats } = p.views;
  ctrl[NORM.ROWS] = x.length / weight.length;
  ctrl[NORM.C] = weight.length;
  floats[0] = eps;
  for (const [at, a] of [[NORM.X, x], [NORM.WEIGHT, weight], [NORM.BIAS, bias], [NORM.OUT, out]] as const) placeOperand(p, at, a, 0, false);
  return runPass(p, TASK.LAYER_NORM);
}

const PARALLEL_RUNS = {
  [HEAT_CONDUCTION_KERNEL]: ([phi, rate]: readonly Float32Array[], [shape]: readonly number[][], out: Float32Array, attrs: NamedAttrMap) => {
    const { scale, strategy } = attrs as HeatKernelAttrs;
    return cpuKernelTransform(shape, strategy) === 'fast' && heatConductionPooled(phi, shape, rate, scale, out);
  },
  [GELU_ERF_KERNEL]: ([x]: readonly Float32Array[], _shapes: readonly number[][], out: Float32Array) => geluPooled(x, out),
  [CHANNEL_LAYER_NORM_KERNEL]: ([x, weight, bias]: readonly Float32Array[], _shapes: readonly number[][], out: Float32Array, attrs: NamedAttrMap) =>
    layerNormPooled(x, weight, bias, (attrs as { eps: number }).eps, out),
};

/** tfjs-wasm's memory when it runs threaded (its Emscripten module's wasmMemory), else null. */
function wasmHeap(): WebAssembly.Memory | null {
  const backend = tf.findBackend('wasm') as { wasm?: { wasmMemory?: unknown } } | null;
  const memory = backend?.wasm?.wasmMemory;
  return memory instanceof WebAssembly.Memory && memory.buffer instanceof SharedArrayBuffer ? memory : null;
}

/**
 * Starts the CPU pool with `threads` threads in all (the caller included) for the engine's CPU kernels, and hooks
 * them in; returns the threads it got (1: no pool, the kernels run as before). Call after tfjs-wasm has started.
 */
export async function startPooledKernels(threads: number): Promise<number> {
  stopPooledKernels();
  const got = await startCpuPool(threads - 1, wasmHeap());
  if (got > 1) for (const [name, run] of Object.entries(PARALLEL_RUNS)) setParallelRun(name, run);
  return got;
}

/** Unhooks the kernels and ends the pool. */
export function stopPooledKernels(): void {
  for (const name of Object.keys(PARALLEL_RUNS)) setParallelRun(name, null);
  stopCpuPool();
}

/** Whether the pool will use tfjs-wasm's tensors in place (its heap is shared memory). */
export function poolUsesHeapInPlace(): boolean {
  return activePool()?.buffers.heap != null;
}
