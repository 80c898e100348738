// Contract between the benchmark page (bench/main.ts) and the suites (bench/suites/<name>.ts).
// A suite is one file exporting `default async function (ctx: BenchContext): Promise<BenchRow[]>`.

/** One measured configuration. Times are wall-clock milliseconds per run, GPU work synced by a read-back. */
export interface BenchRow {
  /** What was measured, e.g. 'wgsl N=56 C=96'. */
  name: string;
  /** Free-form parameters shown in the table and stored in the JSON (sizes, implementation...). */
  params: Record<string, string | number | boolean>;
  runs: number;
  warmup: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** (max - min) / median. */
  spread: number;
  /** Every timed run, in order. */
  samplesMs: number[];
}

export interface MeasureOptions {
  /** Untimed runs first (pipeline compilation, buffer pools). Default 2. */
  warmup?: number;
  /** Timed runs (at least 10 are expected in reported figures). Default 10. */
  runs?: number;
}

export interface BenchContext {
  /** Suite name (the file name without .ts). */
  suite: string;
  /**
   * key=value arguments of the command line (`npm run bench -- heat-operator sizes=7,14`), the same for
   * every suite; a suite documents the keys it reads. Results of a run with options go to
   * bench/results/<suite>.<options>.json, so a quick run never replaces the full figures.
   */
  options: Record<string, string>;
  /** Progress line, printed by bench/run.mjs as it arrives. */
  log(message: string): void;
  /**
   * Times `run` (which must finish its GPU work before resolving, e.g. by awaiting tensor.data()).
   * Returns a row with median/min/max over the timed runs.
   */
  measure(name: string, params: BenchRow['params'], run: () => Promise<void>, opts?: MeasureOptions): Promise<BenchRow>;
  /** Makes a tfjs backend active the way this runtime can ('browser': Vite's wasm URLs; 'node': Dawn, wasm from disk). */
  useBackend(name: 'webgpu' | 'wasm'): Promise<void>;
  /** Where the suites run: the bench page in Chromium, or Node with Dawn (bench/node.ts, the gpu-kit). */
  runtime: 'browser' | 'node';
}

/** The adapter the figures were taken on. */
export interface AdapterDescription {
  vendor: string;
  architecture: string;
  description: string;
  device: string;
  isFallbackAdapter: boolean | null;
}

export interface SuiteResult {
  suite: string;
  rows: BenchRow[];
  error?: string;
}
