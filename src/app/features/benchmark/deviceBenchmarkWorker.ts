/// <reference lib="webworker" />
// The "Benchmark this device" worker: its own tfjs (WebGPU and wasm backends), started per run by
// deviceBenchmarkClient.ts and ended after it. Runs deviceBenchmarkRun.ts on every backend it can start.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { cpuPathThreads, startWasmPool } from '../../../engine/backend/cpuThreads';
import { startPooledKernels } from '../../../engine/ops/cpuPool/pooledKernels';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { randomWeights } from '../../../engine/models/randomWeights';
import type { AdapterDescription, BenchRow } from '../../../plots/resultPlots';
import { ALL_RUNTIMES, type BenchmarkRuntime, type DeviceBenchmarkMessage, type DeviceBenchmarkRequest, type DeviceBenchmarkSettings } from './deviceBenchmarkProtocol';
import { backendOf, runBackend, VHEAT_T_LAYOUT } from './deviceBenchmarkRun';
import type { WorkerWords } from '../../worker/protocol';
import { UnavailableError } from '../../../engine/errors';
import { setResourceBudget } from '../../../engine/budget';
import { MAX_MEMORY_BUDGET_BYTES, MAX_TIME_BUDGET_S } from '../../../engine/limits';

// The device benchmark runs deliberately large work (up to 768 px, chosen by the user): its worker lifts the budget.
setResourceBudget({ memoryBytes: MAX_MEMORY_BUDGET_BYTES, seconds: MAX_TIME_BUDGET_S });

declare const self: DedicatedWorkerGlobalScope;

function post(message: DeviceBenchmarkMessage): void {
  self.postMessage(message);
}

async function describeAdapter(): Promise<AdapterDescription | null> {
  if (!('gpu' in navigator) || !navigator.gpu) return null;
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const info = adapter.info;
  // isFallbackAdapter moved from the adapter to its info in newer Chrome; read both.
  const fallback = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return { vendor: info.vendor, architecture: info.architecture, description: info.description, device: info.device, isFallbackAdapter: fallback ?? null };
}

async function startBackend(name: 'webgpu' | 'wasm'): Promise<WorkerWords | null> {
  try {
    if (name === 'wasm') {
      setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmUrl, 'tfjs-backend-wasm-simd.wasm': wasmSimdUrl, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl });
    }
    // The wasm pool as the engine's worker makes it (every core: cpuThreads.ts), so the CPU row is the page's CPU path.
    const threads = cpuPathThreads(navigator.hardwareConcurrency);
    const started = name === 'wasm' ? await startWasmPool(threads, () => tf.setBackend(name)) : await tf.setBackend(name);
    if (started && name === 'wasm') await startPooledKernels(threads);
    return started ? null : { key: 'bench.didNotStart', values: { backend: name } };
  } catch (e) {
    // The backend's own message, verbatim.
    return { key: 'bench.message', values: { message: e instanceof Error ? e.message : String(e) } };
  }
}

/** The runtimes whose backend starts here (each backend is started once; switching back later is cheap). */
async function availableRuntimes(adapter: AdapterDescription | null): Promise<{ runtimes: BenchmarkRuntime[]; unavailable: { runtime: BenchmarkRuntime; reason: WorkerWords }[] }> {
  const reasons = new Map<string, WorkerWords | null>();
  reasons.set('webgpu', adapter ? await startBackend('webgpu') : { key: 'bench.noAdapter' });
  reasons.set('wasm', await startBackend('wasm'));
  const runtimes = ALL_RUNTIMES.filter((r) => reasons.get(backendOf(r).backend) === null);
  const unavailable = ALL_RUNTIMES.filter((r) => !runtimes.includes(r)).map((runtime) => ({ runtime, reason: reasons.get(backendOf(runtime).backend) ?? { key: 'bench.noReason' } }));
  return { runtimes, unavailable };
}

async function run(settings: DeviceBenchmarkSettings): Promise<void> {
  const adapter = await describeAdapter();
  const { runtimes, unavailable } = await availableRuntimes(adapter);
  post({ kind: 'started', adapter, runtimes, unavailable });
  const total = runtimes.length * settings.sizes.length * (settings.warmup + settings.runs);
  let done = 0;
  const hooks = {
    onRunDone: (label: WorkerWords) => post({ kind: 'progress', done: ++done, total, label }),
    onRow: (row: BenchRow) => post({ kind: 'row', row }),
  };
  const tensorCounts: { runtime: string; before: number; after: number }[] = [];
  let error: string | null = null;
  try {
    post({ kind: 'progress', done, total, label: { key: 'bench.makingWeights' } });
    const weights = randomWeights(VHEAT_T_LAYOUT, settings.seed);
    for (const backend of ['webgpu', 'wasm'] as const) {
      const mine = runtimes.filter((r) => backendOf(r).backend === backend);
      if (mine.length === 0) continue;
      if (!(await tf.setBackend(backend))) throw new UnavailableError(`the ${backend} backend stopped working`);
      const counts = await runBackend(mine, weights, settings, hooks);
      tensorCounts.push({ runtime: mine.join('+'), ...counts });
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  post({ kind: 'finished', error, tensorCounts });
}

self.onmessage = (e: MessageEvent<DeviceBenchmarkRequest>) => void run(e.data.settings);
