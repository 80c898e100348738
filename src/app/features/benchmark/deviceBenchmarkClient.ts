// UI-thread side of a device benchmark: one worker per run (deviceBenchmarkWorker.ts), ended when the run ends.
// Cancel terminates the worker: one inference on a slow device can take minutes, so waiting for the next run
// boundary would not stop it within a second; terminating ends the work at once and frees its GPU memory.
import type { AdapterDescription, BenchRow } from '../../../plots/resultPlots';
import type { BenchmarkRuntime, DeviceBenchmarkMessage, DeviceBenchmarkRequest, DeviceBenchmarkSettings } from './deviceBenchmarkProtocol';
import { tFor } from '../../i18n/i18n';
import { workerText } from '../../i18n/workerText';

export interface DeviceBenchmarkListener {
  onStarted(adapter: AdapterDescription | null, runtimes: BenchmarkRuntime[], unavailable: { runtime: BenchmarkRuntime; reason: string }[]): void;
  onProgress(done: number, total: number, label: string): void;
  onRow(row: BenchRow): void;
}

export interface DeviceBenchmarkEnd {
  error: string | null;
  cancelled: boolean;
  /** Per backend, once its model is disposed; empty for a cancelled or failed run. */
  tensorCounts: { runtime: string; before: number; after: number }[];
}

export class DeviceBenchmark {
  private readonly worker: Worker;
  private finish: ((end: DeviceBenchmarkEnd) => void) | null = null;
  readonly done: Promise<DeviceBenchmarkEnd>;

  constructor(settings: DeviceBenchmarkSettings, listener: DeviceBenchmarkListener) {
    this.worker = new Worker(new URL('./deviceBenchmarkWorker.ts', import.meta.url), { type: 'module', name: 'heat-lab-device-benchmark' });
    this.done = new Promise((resolve) => {
      this.finish = (end) => {
        this.finish = null;
        this.worker.terminate();
        resolve(end);
      };
    });
    this.worker.onmessage = (e: MessageEvent<DeviceBenchmarkMessage>) => {
      const m = e.data;
      // The worker's words in the page's language, as they arrive.
      if (m.kind === 'started') listener.onStarted(m.adapter, m.runtimes, m.unavailable.map((u) => ({ runtime: u.runtime, reason: workerText(u.reason) })));
      else if (m.kind === 'progress') listener.onProgress(m.done, m.total, workerText(m.label));
      else if (m.kind === 'row') listener.onRow(m.row);
      else this.finish?.({ error: m.error, cancelled: false, tensorCounts: m.tensorCounts });
    };
    this.worker.onerror = (e) => {
      const t = tFor('errors');
      this.finish?.({ error: t('benchmarkWorkerFailed', { message: e.message || t('scriptError') }), cancelled: false, tensorCounts: [] });
    };
    this.send({ kind: 'start', settings });
  }

  private send(request: DeviceBenchmarkRequest): void {
    this.worker.postMessage(request);
  }

  /** Ends the run now: the worker is terminated (mid-inference if need be); `done` resolves as cancelled. */
  cancel(): void {
    this.finish?.({ error: 'cancelled', cancelled: true, tensorCounts: [] });
  }
}
