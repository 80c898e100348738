// The fast heat step (cpuHeatFast.ts) on several threads of the CPU path: tfjs-wasm's XNNPACK pool runs the
// matMuls and convolutions on every core (backend/cpuThreads.ts), and without this the TypeScript fast DCT would
// run on one. Each of the step's three passes (rows forward, columns with the decay, rows inverse) is a loop over
// independent row pairs or column tiles, so the calling thread and `helpers` module workers each take a contiguous
// share (cpuHeatPoolShare.ts) of every pass, with a barrier between passes on a shared control block. The caller's
// map is copied into one growable SharedArrayBuffer (phi, rate, the planes, out) and the result copied back: two
// copies of the map against three FFT passes over it. Every line is transformed by the same code as on one thread,
// so the result is bit-identical (cpuHeatPool.browser.test.ts).
//
// Synchronous like every tfjs kernel: the caller blocks (Atomics.wait in a worker; a spin where blocking is not
// allowed, a page's main thread, which only the bench pages use). Started by the engine's worker with the CPU path;
// nothing starts it in Node (the command line runs tfjs-wasm on one thread there too).
import { InternalError, UnavailableError } from '../../errors';
import { CTRL, CTRL_LENGTH, PASS, poolViews, runShare, type PoolBuffers, type PoolViews } from './cpuHeatPoolShare';

/**
 * The data buffer's ceiling (reserved up front, committed as it grows, never shrunk: what the pool keeps between
 * calls): a map past it runs on one thread. 256 MiB holds a 2048x2048x3 image's step (200 MiB: planes, rate, image).
 */
const MAX_DATA_BYTES = 2 ** 28;
/** How long the caller waits for a pass before it calls the pool broken: a pass of the largest map takes seconds. */
const PASS_DEADLINE_MS = 120_000;
/** How long the helpers may take to start. */
const START_DEADLINE_MS = 20_000;

interface Pool {
  workers: Worker[];
  buffers: PoolBuffers;
  views: PoolViews;
}

let pool: Pool | null = null;
/** Off: the step runs on the caller alone though helpers live (benchmarks compare the two in one page). */
let poolInUse = true;

function spawnHelper(): Worker {
  return new Worker(new URL('./cpuHeatPoolWorker.ts', import.meta.url), { type: 'module', name: 'cpu-heat-helper' });
}

function helperReady(worker: Worker, buffers: PoolBuffers, share: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new UnavailableError('CPU heat pool: a helper thread did not start')), START_DEADLINE_MS);
    worker.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.onerror = (e) => {
      clearTimeout(timer);
      e.preventDefault();
      reject(new UnavailableError(`CPU heat pool: a helper thread failed to start (${e.message})`));
    };
    worker.postMessage({ buffers, share });
  });
}

/**
 * Starts `helpers` helper threads (0: none; the step then runs on the caller alone) and returns the threads the
 * fast heat step will use, the caller included. Needs SharedArrayBuffer (a cross-origin isolated page) and module
 * workers; where either is missing, or a helper fails to start, it returns 1 and the step stays on one thread.
 */
export async function startCpuHeatPool(helpers: number): Promise<number> {
  stopCpuHeatPool();
  if (helpers < 1 || typeof Worker === 'undefined' || !globalThis.crossOriginIsolated) return 1;
  const SharedBuffer = SharedArrayBuffer as unknown as new (length: number, options?: { maxByteLength: number }) => SharedArrayBuffer;
  const buffers: PoolBuffers = {
    control: new SharedArrayBuffer(4 * CTRL_LENGTH),
    scale: new SharedArrayBuffer(8),
    data: new SharedBuffer(0, { maxByteLength: MAX_DATA_BYTES }),
  };
  const workers = Array.from({ length: helpers }, spawnHelper);
  try {
    await Promise.all(workers.map((w, i) => helperReady(w, buffers, i + 1)));
  } catch (e) {
    for (const w of workers) w.terminate();
    console.warn('the CPU heat step stays on one thread:', e);
    return 1;
  }
  pool = { workers, buffers, views: poolViews(buffers) };
  return helpers + 1;
}

/** Ends the helper threads (they leave their loop on a QUIT pass, and are terminated in case one is busy). */
export function stopCpuHeatPool(): void {
  if (!pool) return;
  const { ctrl } = pool.views;
  Atomics.store(ctrl, CTRL.PASS, PASS.QUIT);
  Atomics.add(ctrl, CTRL.GEN, 1);
  Atomics.notify(ctrl, CTRL.GEN);
  for (const w of pool.workers) w.terminate();
  pool = null;
}

/** Threads the fast heat step runs on now (1 without a pool, or with it set aside). */
export function cpuHeatPoolThreads(): number {
  return pool && poolInUse ? pool.workers.length + 1 : 1;
}

/** Sets the pool aside (false) or takes it back (true), keeping its helpers: for same-page comparisons. */
export function useCpuHeatPool(on: boolean): void {
  poolInUse = on;
}

/** Row pairs and column tiles the helpers have done since the pool started (tests: the helpers really worked). */
export function cpuHeatPoolHelperUnits(): number {
  return pool ? Atomics.load(pool.views.ctrl, CTRL.UNITS) : 0;
}

let callerCanBlock: boolean | null = null;

/** Whether Atomics.wait is allowed on this thread (workers: yes; a page's main thread: no). */
function canBlock(): boolean {
  if (callerCanBlock === null) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      callerCanBlock = true;
    } catch {
      callerCanBlock = false;
    }
  }
  return callerCanBlock;
}

/** One pass on every thread: publish it, run share 0 here, wait for the helpers. */
function runPass(p: Pool, pass: number): void {
  const { ctrl } = p.views;
  const helpers = p.workers.length;
  Atomics.store(ctrl, CTRL.PASS, pass);
  Atomics.store(ctrl, CTRL.DONE, 0);
  Atomics.add(ctrl, CTRL.GEN, 1);
  Atomics.notify(ctrl, CTRL.GEN);
  runShare(p.views, 0);
  const deadline = performance.now() + PASS_DEADLINE_MS;
  const block = canBlock();
  for (let done = Atomics.load(ctrl, CTRL.DONE); done < helpers; done = Atomics.load(ctrl, CTRL.DONE)) {
    if (block) Atomics.wait(ctrl, CTRL.DONE, done, 1000);
    if (performance.now() > deadline) {
      stopCpuHeatPool();
      throw new InternalError('CPU heat pool: a helper thread stopped answering; the pool is stopped');
    }
  }
}

/** Grows the data buffer to `bytes`; false past its ceiling. */
function reserve(p: Pool, bytes: number): boolean {
  const data = p.buffers.data as SharedArrayBuffer & { grow(n: number): void; maxByteLength: number };
  if (bytes > data.maxByteLength) return false;
  if (data.byteLength < bytes) data.grow(bytes);
  return true;
}

/**
 * out = IDCT_HW(DCT_HW(phi) * exp(-scale * rate)) for phi [B,H,W,C] (NHWC), rate [H,W,C], on the pool's threads
 * (heatConductionFast's contract and result). False, with nothing done, when there is no pool or the map is past
 * the buffer's ceiling: the caller then runs heatConductionFast itself.
 */
export function heatConductionPooled(phi: Float32Array, [b, h, w, c]: readonly number[], rate: Float32Array, scale: number, out: Float32Array): boolean {
  const p = pool;
  if (!p || !poolInUse) return false;
  const size = h * w * c;
  // Data buffer: planes (+ a line of zeros) as float64, then rate and one image of phi / out as float32.
  const planes = 0;
  const rateAt = 2 * (size + h);
  const imageAt = rateAt + size;
  if (!reserve(p, 4 * (imageAt + size))) return false;
  const { ctrl, scale: scaleCell, f32 } = p.views;
  ctrl[CTRL.THREADS] = p.workers.length + 1;
  ctrl[CTRL.H] = h;
  ctrl[CTRL.W] = w;
  ctrl[CTRL.C] = c;
  ctrl[CTRL.PLANES] = planes;
  ctrl[CTRL.RATE] = rateAt;
  ctrl[CTRL.PHI] = imageAt;
  ctrl[CTRL.OUT] = imageAt;
  ctrl[CTRL.FAILED] = 0;
  scaleCell[0] = scale;
  f32.set(rate.subarray(0, size), rateAt);
  for (let bi = 0; bi < b; bi++) {
    f32.set(phi.subarray(bi * size, (bi + 1) * size), imageAt);
    runPass(p, PASS.ROWS_FORWARD);
    runPass(p, PASS.COLUMNS);
    runPass(p, PASS.ROWS_INVERSE);
    if (Atomics.load(ctrl, CTRL.FAILED)) return false;
    out.set(f32.subarray(imageAt, imageAt + size), bi * size);
  }
  return true;
}
