// A pool of threads for the engine's TypeScript kernels on the CPU path. tfjs-wasm's XNNPACK pool runs the matMuls
// and convolutions on every core (backend/cpuThreads.ts); without this the engine's own kernels (the fast heat step,
// the exact GELU, the channel LayerNorm) would run on one. A task is split into contiguous shares of independent
// units (cpuPoolShare.ts): the calling thread takes share 0, `helpers` module workers (cpuPoolWorker.ts) the rest,
// with a barrier on a shared control block after each pass. Operands are read and written where they are: tfjs-wasm's
// heap is shared memory when it runs threaded, so its tensors need no copy; anything else goes through one growable
// SharedArrayBuffer. Every value is computed by the same code as on one thread, so results are bit-identical.
//
// Synchronous like every tfjs kernel: the caller blocks (Atomics.wait in a worker; a spin where blocking is not
// allowed, a page's main thread, which only the bench pages use). Started by the engine's worker with the CPU path
// (pooledKernels.ts hooks the kernels in); nothing starts it in Node (the command line runs tfjs-wasm on one thread
// there too).
import { InternalError, UnavailableError } from '../../errors';
import { CTRL, CTRL_LENGTH, TASK, poolViews, runShare, type PoolBuffers, type PoolViews } from './cpuPoolShare';

/**
 * The data buffer's ceiling (reserved up front, committed as it grows, never shrunk: what the pool keeps between
 * calls): work past it runs on one thread. 256 MiB holds a 2048x2048x3 heat step copied in (200 MiB).
 */
const MAX_DATA_BYTES = 2 ** 28;
/** How long the caller waits for a pass before it calls the pool broken: a pass of the largest map takes seconds. */
const PASS_DEADLINE_MS = 120_000;
/** How long the helpers may take to start. */
const START_DEADLINE_MS = 20_000;

export interface Pool {
  workers: Worker[];
  buffers: PoolBuffers;
  views: PoolViews;
}

let pool: Pool | null = null;
/** Bumped by every start and stop: a start that finds it changed when its helpers are ready was overtaken, and ends them. */
let startGeneration = 0;
/** Off: tasks run on the caller alone though helpers live (benchmarks compare the two in one page). */
let poolInUse = true;

function spawnHelper(): Worker {
  return new Worker(new URL('./cpuPoolWorker.ts', import.meta.url), { type: 'module', name: 'cpu-pool-helper' });
}

function helperReady(worker: Worker, buffers: PoolBuffers, share: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new UnavailableError('CPU pool: a helper thread did not start')), START_DEADLINE_MS);
    worker.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.onerror = (e) => {
      clearTimeout(timer);
      e.preventDefault();
      reject(new UnavailableError(`CPU pool: a helper thread failed to start (${e.message})`));
    };
    worker.postMessage({ buffers, share });
  });
}

/**
 * Starts `helpers` helper threads (0: none; tasks then run on the caller alone) and returns the threads tasks will
 * use, the caller included. `heap`: tfjs-wasm's memory when it is shared (its tensors are then used in place).
 * Needs growable SharedArrayBuffers (a cross-origin isolated page) and module workers; where either is missing, a
 * helper fails to start, or the pool is stopped or started again meanwhile, it returns 1 and tasks stay on one
 * thread. Until it settles, tasks run on one thread, so a caller need not wait for it.
 */
export async function startCpuPool(helpers: number, heap: WebAssembly.Memory | null = null): Promise<number> {
  stopCpuPool();
  const generation = ++startGeneration;
  if (helpers < 1 || typeof Worker === 'undefined' || !globalThis.crossOriginIsolated || !growableSharedBuffers()) return 1;
  const SharedBuffer = SharedArrayBuffer as unknown as new (length: number, options?: { maxByteLength: number }) => SharedArrayBuffer;
  const buffers: PoolBuffers = {
    control: new SharedArrayBuffer(4 * CTRL_LENGTH),
    floats: new SharedArrayBuffer(8),
    data: new SharedBuffer(0, { maxByteLength: MAX_DATA_BYTES }),
    heap: heap && heap.buffer instanceof SharedArrayBuffer ? heap : null,
  };
  const workers = Array.from({ length: helpers }, spawnHelper);
  try {
    await Promise.all(workers.map((w, i) => helperReady(w, buffers, i + 1)));
  } catch (e) {
    for (const w of workers) w.terminate();
    console.warn('the CPU pool stays on one thread:', e);
    return 1;
  }
  if (generation !== startGeneration) {
    // Stopped, or started again, while the helpers were starting.
    for (const w of workers) w.terminate();
    return 1;
  }
  pool = { workers, buffers, views: poolViews(buffers) };
  return helpers + 1;
}

/** Whether SharedArrayBuffers can grow (the data buffer does; browsers from 2023 on). */
function growableSharedBuffers(): boolean {
  return typeof (SharedArrayBuffer.prototype as { grow?: unknown }).grow === 'function';
}

/** Ends the helper threads (they leave their loop on a QUIT pass, and are terminated in case one is busy), and abandons a start in flight. */
export function stopCpuPool(): void {
  startGeneration++;
  if (!pool) return;
  const { ctrl } = pool.views;
  Atomics.store(ctrl, CTRL.TASK, TASK.QUIT);
  Atomics.add(ctrl, CTRL.GEN, 1);
  Atomics.notify(ctrl, CTRL.GEN);
  for (const w of pool.workers) w.terminate();
  pool = null;
}

/** The running pool, or null (none, or set aside). */
export function activePool(): Pool | null {
  return poolInUse ? pool : null;
}

/** Threads tasks run on now (1 without a pool, or with it set aside). */
export function cpuPoolThreads(): number {
  return pool && poolInUse ? pool.workers.length + 1 : 1;
}

/** Sets the pool aside (false) or takes it back (true), keeping its helpers: for same-page comparisons. */
export function useCpuPool(on: boolean): void {
  poolInUse = on;
}

/** Units of work the helpers have done since the pool started (tests: the helpers really worked). */
export function cpuPoolHelperUnits(): number {
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

/** One pass of `task` (its arguments already in the control block) on every thread; false if a helper's share threw. */
export function runPass(p: Pool, task: number): boolean {
  const { ctrl } = p.views;
  const helpers = p.workers.length;
  ctrl[CTRL.THREADS] = helpers + 1;
  Atomics.store(ctrl, CTRL.FAILED, 0);
  Atomics.store(ctrl, CTRL.TASK, task);
  Atomics.store(ctrl, CTRL.DONE, 0);
  Atomics.add(ctrl, CTRL.GEN, 1);
  Atomics.notify(ctrl, CTRL.GEN);
  runShare(p.views, 0);
  const deadline = performance.now() + PASS_DEADLINE_MS;
  const block = canBlock();
  for (let done = Atomics.load(ctrl, CTRL.DONE); done < helpers; done = Atomics.load(ctrl, CTRL.DONE)) {
    if (block) Atomics.wait(ctrl, CTRL.DONE, done, 1000);
    if (performance.now() > deadline) {
      stopCpuPool();
      throw new InternalError('CPU pool: a helper thread stopped answering; the pool is stopped');
    }
  }
  return Atomics.load(ctrl, CTRL.FAILED) === 0;
}

/** Grows the data buffer to `bytes`; false past its ceiling. */
export function reserve(p: Pool, bytes: number): boolean {
  const data = p.buffers.data as SharedArrayBuffer & { grow(n: number): void; maxByteLength: number };
  if (bytes > data.maxByteLength) return false;
  if (data.byteLength < bytes) data.grow(bytes);
  return true;
}
