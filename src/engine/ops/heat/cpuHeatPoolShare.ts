// What every thread of the CPU heat pool (cpuHeatPool.ts) runs: its share of one pass of the fast heat step
// (cpuHeatFast.ts), read from the shared control block. The calling thread is share 0, helper k is share k.
//
// Control block (Int32Array over a SharedArrayBuffer), one job at a time:
//   GEN     bumped by the caller for every pass; helpers sleep on it (Atomics.wait)
//   DONE    helpers that finished the current pass (the caller waits until it equals THREADS - 1)
//   PASS    what to run: ROWS_FORWARD, COLUMNS, ROWS_INVERSE, or QUIT
//   THREADS threads in the job (the caller included)
//   H, W, C the map; PLANES, PHI, RATE, OUT: offsets in the data buffer, in elements of the view they index
//   FAILED  set by a helper whose share threw (the caller then runs the step alone)
//   UNITS   row pairs and column tiles done by helpers, summed (tests check that the helpers did work)
// The decay scale travels as float64 in a second small buffer.
import { cpuDctPlan } from './cpuFastDct';
import { columnsDecay, columnTiles, rowsForward, rowsInverse } from './cpuHeatFast';

export const CTRL = { GEN: 0, DONE: 1, PASS: 2, THREADS: 3, H: 4, W: 5, C: 6, PLANES: 7, PHI: 8, RATE: 9, OUT: 10, FAILED: 11, UNITS: 12 } as const;
export const CTRL_LENGTH = 13;

export const PASS = { QUIT: 0, ROWS_FORWARD: 1, COLUMNS: 2, ROWS_INVERSE: 3 } as const;

/** What a helper is sent once: the control block, the decay scale's cell and the growable data buffer. */
export interface PoolBuffers {
  control: SharedArrayBuffer;
  scale: SharedArrayBuffer;
  data: SharedArrayBuffer;
}

/** Views of the buffers; over a growable SharedArrayBuffer the data views track its length as it grows. */
export interface PoolViews {
  ctrl: Int32Array;
  scale: Float64Array;
  f32: Float32Array;
  f64: Float64Array;
}

export function poolViews(b: PoolBuffers): PoolViews {
  return { ctrl: new Int32Array(b.control), scale: new Float64Array(b.scale), f32: new Float32Array(b.data), f64: new Float64Array(b.data) };
}

/** Share k of `units` work units over `threads` threads: [start, end), contiguous, sizes differing by at most one. */
export function shareRange(units: number, threads: number, k: number): [number, number] {
  const base = Math.floor(units / threads);
  const extra = units % threads;
  const start = k * base + Math.min(k, extra);
  return [start, start + base + (k < extra ? 1 : 0)];
}

/** Runs share k of the pass in the control block; returns the work units it did. */
export function runShare(v: PoolViews, k: number): number {
  const { ctrl } = v;
  const pass = ctrl[CTRL.PASS];
  const threads = ctrl[CTRL.THREADS];
  const h = ctrl[CTRL.H];
  const w = ctrl[CTRL.W];
  const c = ctrl[CTRL.C];
  const size = h * w * c;
  const planes = v.f64.subarray(ctrl[CTRL.PLANES], ctrl[CTRL.PLANES] + size + h);
  if (pass === PASS.COLUMNS) {
    const [t0, t1] = shareRange(columnTiles(w), threads, k);
    const rate = v.f32.subarray(ctrl[CTRL.RATE], ctrl[CTRL.RATE] + size);
    if (t1 > t0) columnsDecay(cpuDctPlan(h), planes, w, c, rate, v.scale[0], t0, t1);
    return t1 - t0;
  }
  const [p0, p1] = shareRange(Math.ceil(h / 2), threads, k);
  const r0 = 2 * p0;
  const r1 = Math.min(h, 2 * p1);
  if (r1 <= r0) return 0;
  if (pass === PASS.ROWS_FORWARD) rowsForward(cpuDctPlan(w), v.f32.subarray(ctrl[CTRL.PHI], ctrl[CTRL.PHI] + size), 0, h, c, planes, r0, r1);
  else rowsInverse(cpuDctPlan(w), planes, h, c, v.f32.subarray(ctrl[CTRL.OUT], ctrl[CTRL.OUT] + size), 0, r0, r1);
  return p1 - p0;
}
