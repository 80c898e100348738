// What every thread of the CPU pool (cpuPool.ts) runs: its share of one pass of a task, read from the shared
// control block. The calling thread is share 0, helper k is share k. Tasks: the fast heat step's three passes
// (ops/heat/cpuHeatFast.ts), the exact GELU (ops/gelu/geluErfRows.ts) and the channel LayerNorm
// (ops/norm/channelLayerNormCpuKernel.ts), each split into contiguous ranges of independent units.
//
// Control block (Int32Array over a SharedArrayBuffer), one job at a time:
//   GEN      bumped by the caller for every pass; helpers sleep on it (Atomics.wait)
//   DONE     helpers that finished the current pass (the caller waits until it equals THREADS - 1)
//   TASK     what to run (TASK below), or QUIT
//   THREADS  threads in the job (the caller included)
//   FAILED   set by a helper whose share threw (the caller then runs the task alone)
//   UNITS    units of work done by helpers, summed (tests check that the helpers did work)
//   ARGS...  the task's sizes, and its operands as (region, float32 offset) pairs: region DATA is the pool's own
//            growable buffer, HEAP tfjs-wasm's shared memory (its tensors, read and written in place)
// Float parameters (the heat step's decay scale, the norm's eps) travel as float64 in a second small buffer.
import { cpuDctPlan } from '../heat/cpuFastDct';
import { columnsDecay, columnTiles, rowsForward, rowsInverse } from '../heat/cpuHeatFast';
import { geluErfRows } from '../gelu/geluErfRows';
import { channelLayerNormRows } from '../norm/channelLayerNormCpuKernel';

export const CTRL = { GEN: 0, DONE: 1, TASK: 2, THREADS: 3, FAILED: 4, UNITS: 5, ARGS: 6 } as const;
/** The heat passes' arguments. */
export const HEAT = { H: 6, W: 7, C: 8, PLANES: 9, PHI: 10, RATE: 12, OUT: 14 } as const;
/** GELU's: N values, X and OUT operands. LayerNorm's: ROWS of C, X, WEIGHT, BIAS, OUT. */
export const ELEMENTWISE = { N: 6, X: 7, OUT: 9 } as const;
export const NORM = { ROWS: 6, C: 7, X: 8, WEIGHT: 10, BIAS: 12, OUT: 14 } as const;
export const CTRL_LENGTH = 16;

export const TASK = { QUIT: 0, HEAT_ROWS_FORWARD: 1, HEAT_COLUMNS: 2, HEAT_ROWS_INVERSE: 3, GELU: 4, LAYER_NORM: 5 } as const;
export const REGION = { DATA: 0, HEAP: 1 } as const;
/** Elements per unit of the GELU task (a unit is the smallest share a thread takes). */
export const GELU_UNIT = 4096;

/** What a helper is sent once: the control block, the float parameters, the growable data buffer, tfjs-wasm's memory. */
export interface PoolBuffers {
  control: SharedArrayBuffer;
  floats: SharedArrayBuffer;
  data: SharedArrayBuffer;
  heap: WebAssembly.Memory | null;
}

/** Views of the buffers; over a growable SharedArrayBuffer the data views track its length as it grows. */
export interface PoolViews {
  ctrl: Int32Array;
  floats: Float64Array;
  f32: Float32Array;
  f64: Float64Array;
  heap: WebAssembly.Memory | null;
}

export function poolViews(b: PoolBuffers): PoolViews {
  return { ctrl: new Int32Array(b.control), floats: new Float64Array(b.floats), f32: new Float32Array(b.data), f64: new Float64Array(b.data), heap: b.heap };
}

/** Share k of `units` work units over `threads` threads: [start, end), contiguous, sizes differing by at most one. */
export function shareRange(units: number, threads: number, k: number): [number, number] {
  const base = Math.floor(units / threads);
  const extra = units % threads;
  const start = k * base + Math.min(k, extra);
  return [start, start + base + (k < extra ? 1 : 0)];
}

/** The operand at ctrl[at] (region), ctrl[at + 1] (float32 offset), `length` values long. The heap is read afresh: it may have grown. */
function operand(v: PoolViews, at: number, length: number): Float32Array {
  const region = v.ctrl[at];
  const offset = v.ctrl[at + 1];
  if (region === REGION.DATA) return v.f32.subarray(offset, offset + length);
  return new Float32Array(v.heap!.buffer, 4 * offset, length);
}

function heatShare(v: PoolViews, task: number, k: number, threads: number): number {
  const { ctrl } = v;
  const h = ctrl[HEAT.H];
  const w = ctrl[HEAT.W];
  const c = ctrl[HEAT.C];
  const size = h * w * c;
  const planes = v.f64.subarray(ctrl[HEAT.PLANES], ctrl[HEAT.PLANES] + size + h);
  if (task === TASK.HEAT_COLUMNS) {
    const [t0, t1] = shareRange(columnTiles(w), threads, k);
    if (t1 > t0) columnsDecay(cpuDctPlan(h), planes, w, c, operand(v, HEAT.RATE, size), v.floats[0], t0, t1);
    return t1 - t0;
  }
  const [p0, p1] = shareRange(Math.ceil(h / 2), threads, k);
  const r0 = 2 * p0;
  const r1 = Math.min(h, 2 * p1);
  if (r1 <= r0) return 0;
  if (task === TASK.HEAT_ROWS_FORWARD) rowsForward(cpuDctPlan(w), operand(v, HEAT.PHI, size), 0, h, c, planes, r0, r1);
  else rowsInverse(cpuDctPlan(w), planes, h, c, operand(v, HEAT.OUT, size), 0, r0, r1);
  return p1 - p0;
}

function geluShare(v: PoolViews, k: number, threads: number): number {
  const n = v.ctrl[ELEMENTWISE.N];
  const [u0, u1] = shareRange(Math.ceil(n / GELU_UNIT), threads, k);
  const a = u0 * GELU_UNIT;
  const b = Math.min(n, u1 * GELU_UNIT);
  if (b > a) geluErfRows(operand(v, ELEMENTWISE.X, n).subarray(a, b), operand(v, ELEMENTWISE.OUT, n).subarray(a, b));
  return u1 - u0;
}

function normShare(v: PoolViews, k: number, threads: number): number {
  const rows = v.ctrl[NORM.ROWS];
  const c = v.ctrl[NORM.C];
  const [r0, r1] = shareRange(rows, threads, k);
  if (r1 > r0) {
    const x = operand(v, NORM.X, rows * c).subarray(r0 * c, r1 * c);
    const out = operand(v, NORM.OUT, rows * c).subarray(r0 * c, r1 * c);
    channelLayerNormRows(x, operand(v, NORM.WEIGHT, c), operand(v, NORM.BIAS, c), v.floats[0], out);
  }
  return r1 - r0;
}

/** Runs share k of the pass in the control block; returns the work units it did. */
export function runShare(v: PoolViews, k: number): number {
  const task = v.ctrl[CTRL.TASK];
  const threads = v.ctrl[CTRL.THREADS];
  if (task === TASK.GELU) return geluShare(v, k, threads);
  if (task === TASK.LAYER_NORM) return normShare(v, k, threads);
  return heatShare(v, task, k, threads);
}
