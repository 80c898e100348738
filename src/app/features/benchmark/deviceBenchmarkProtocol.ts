// Messages between the "Benchmark this device" panel and its own worker (deviceBenchmarkWorker.ts). The run
// lives in a worker of its own, with its own tfjs and GPU device: the engine worker's model, its backend and
// the page stay usable while it runs, and a cancel ends the worker outright (its GPU device and memory with it).
import type { AdapterDescription, BenchRow } from '../../../plots/resultPlots';
import type { WorkerWords } from '../../worker/protocol';

/** What one line of the plot measures: a tfjs backend and, on WebGPU, the heat operator's implementation. */
export type BenchmarkRuntime = 'webgpu-wgsl' | 'webgpu-portable' | 'wasm';

export const ALL_RUNTIMES: BenchmarkRuntime[] = ['webgpu-wgsl', 'webgpu-portable', 'wasm'];

export interface DeviceBenchmarkSettings {
  /** Input sides (square images), each >= 32. */
  sizes: number[];
  /** Timed runs per size and runtime. */
  runs: number;
  /** Untimed runs before them (pipeline compilation, buffer pools). */
  warmup: number;
  /** Seed of the random weights and inputs. */
  seed: number;
}

export type DeviceBenchmarkRequest = { kind: 'start'; settings: DeviceBenchmarkSettings };

export type DeviceBenchmarkMessage =
  // Labels and reasons as words the page translates (the worker has no language).
  | { kind: 'started'; adapter: AdapterDescription | null; runtimes: BenchmarkRuntime[]; unavailable: { runtime: BenchmarkRuntime; reason: WorkerWords }[] }
  | { kind: 'progress'; done: number; total: number; label: WorkerWords }
  | { kind: 'row'; row: BenchRow }
  | {
      kind: 'finished';
      /** An error message, or null. */
      error: string | null;
      tensorCounts: { runtime: string; before: number; after: number }[];
    };
