// How many threads the CPU path's tfjs-wasm pool (XNNPACK's matMuls and convolutions) gets. tfjs-wasm's own default
// is half the logical cores (1 to 8, and 1 where the page is not cross-origin isolated: threads need
// SharedArrayBuffer). The engine's TypeScript kernels (the fused CPU kernels, the heat operator's fast DCT) run on
// the calling thread either way.
//
// setThreadsCount cannot raise the pool above that: tfjs-backend-wasm 4.22's init_with_threads_count
// (tfjs-backend-wasm/src/cc/backend.cc) caps the count at min(8, hardwareConcurrency / 2), measured here as
// getThreadsCount() = 1 with ?tfjsThreads=all on 2 logical cores (BENCHMARKS.md, "CPU-path threads"). So 'half' is
// the most this build can run, and the worker keeps tfjs's default; 'all-but-one' only lowers it (machines with
// 3+ cores). The bench pages take ?tfjsThreads= to measure the others.

/** 'half': tfjs-wasm's default; 'all': every logical core; 'all-but-one': leave one core to the page. */
export type CpuThreadPolicy = 'half' | 'all' | 'all-but-one';

export const CPU_THREAD_POLICIES: readonly CpuThreadPolicy[] = ['half', 'all', 'all-but-one'];

/** The policy the CPU path runs with (tfjs's own default: the most its wasm build allows, see the header). */
export const CPU_PATH_THREAD_POLICY: CpuThreadPolicy = 'half';

/** tfjs-wasm caps its pool at 8 threads. */
const MAX_POOL_THREADS = 8;

/** Threads for a machine with `logicalCores` cores (navigator.hardwareConcurrency) under `policy`: 1 to 8. */
export function cpuPathThreads(logicalCores: number, policy: CpuThreadPolicy = CPU_PATH_THREAD_POLICY): number {
  const cores = Number.isFinite(logicalCores) && logicalCores >= 1 ? Math.floor(logicalCores) : 1;
  const wanted = policy === 'half' ? Math.floor(cores / 2) : policy === 'all' ? cores : cores - 1;
  return Math.min(MAX_POOL_THREADS, Math.max(1, wanted));
}
