// How many threads the CPU path's tfjs-wasm pool (XNNPACK's matMuls and convolutions) gets, and how the pool is
// started with them. tfjs-wasm's own default is half the logical cores (1 to 8, and 1 where the page is not
// cross-origin isolated: threads need SharedArrayBuffer). The engine's TypeScript kernels (the fused CPU kernels, the
// heat operator's fast DCT) run on the calling thread either way.
//
// tfjs-backend-wasm 4.22 caps the pool at min(8, hardwareConcurrency / 2) whatever setThreadsCount asks: its
// backend.cc reads emscripten_num_logical_cores() / 2 (it assumes two hardware threads per core) into a global when
// the module is instantiated, and init_with_threads_count clamps to it. startWasmPool lifts that cap by reporting
// 2 x threads as navigator.hardwareConcurrency while the backend starts (the module is instantiated inside
// tf.setBackend('wasm')), then puts the real value back. Measured with both (BENCHMARKS.md, "CPU-path threads").
// In Node (the command line) tfjs 4.22 reports no multithread support and runs one thread whatever is asked.
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

/** 'half': tfjs-wasm's default; 'all': every logical core; 'all-but-one': leave one core to the page. */
export type CpuThreadPolicy = 'half' | 'all' | 'all-but-one';

export const CPU_THREAD_POLICIES: readonly CpuThreadPolicy[] = ['half', 'all', 'all-but-one'];

/** The policy the CPU path runs with (chosen by measurement: BENCHMARKS.md, "CPU-path threads"). */
export const CPU_PATH_THREAD_POLICY: CpuThreadPolicy = 'all';

/** tfjs-wasm caps its pool at 8 threads. */
const MAX_POOL_THREADS = 8;

/** Threads for a machine with `logicalCores` cores (navigator.hardwareConcurrency) under `policy`: 1 to 8. */
export function cpuPathThreads(logicalCores: number, policy: CpuThreadPolicy = CPU_PATH_THREAD_POLICY): number {
  const cores = Number.isFinite(logicalCores) && logicalCores >= 1 ? Math.floor(logicalCores) : 1;
  const wanted = policy === 'half' ? Math.floor(cores / 2) : policy === 'all' ? cores : cores - 1;
  return Math.min(MAX_POOL_THREADS, Math.max(1, wanted));
}

/**
 * Runs `start` (the tfjs 'wasm' backend's first start: tf.setBackend('wasm')) with an XNNPACK pool of `threads`:
 * setThreadsCount, and navigator.hardwareConcurrency reported as 2 x threads until `start` settles so that tfjs's
 * half-the-cores cap (see the header) lets them through. Without cross-origin isolation there are no threads and
 * nothing is changed. Where the property cannot be redefined, the pool keeps tfjs's cap.
 */
export async function startWasmPool<T>(threads: number, start: () => Promise<T>): Promise<T> {
  const nav = (globalThis as { navigator?: object }).navigator;
  if (!nav || !globalThis.crossOriginIsolated) return start();
  setThreadsCount(threads);
  const own = Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency');
  let shimmed = false;
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
    shimmed = true;
  } catch {
    // A frozen navigator: tfjs's own cap stands.
  }
  try {
    return await start();
  } finally {
    if (shimmed) {
      if (own) Object.defineProperty(nav, 'hardwareConcurrency', own);
      else delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
    }
  }
}
