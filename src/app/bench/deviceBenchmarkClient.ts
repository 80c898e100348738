// UI-thread side of a device benchmark: one worker per run (deviceBenchmarkWorker.ts), ended when the run ends.
// Cancel asks the worker to stop (it checks before every run); a run on a slow device can take minutes, so if
// the worker has not stopped within CANCEL_GRACE_MS it is terminated, which ends its work and frees its GPU
// memory at once.
import type { AdapterDescription, BenchRow } from '../../plots/resultPlots';
import type { BenchmarkRuntime, DeviceBenchmarkMessage, DeviceBenchmarkRequest, DeviceBenchmarkSettings } from './deviceBenchmarkProtocol';

export const CANCEL_GRACE_MS = 250;

export interface DeviceBenchmarkListener {
  onStarted(adapter: AdapterDescription | null, runtimes: BenchmarkRuntime[], unavailable: { runtime: BenchmarkRuntime; reason: string }[]): void;
  onProgress(done: number, total: number, label: string): void;
  onRow(row: BenchRow): void;
}

export interface DeviceBenchmarkEnd {
  error: string | null;
  cancelled: boolean;
  /** Empty when the worker had to be terminated. */
  tensorCounts: { runtime: string; before: number; after: number }[];
  /** The worker was terminated because it did not stop within the grace time. */
  terminated: boolean;
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
      if (m.kind === 'started') listener.onStarted(m.adapter, m.runtimes, m.unavailable);
      else if (m.kind === 'progress') listener.onProgress(m.done, m.total, m.label);
      else if (m.kind === 'row') listener.onRow(m.row);
      else this.finish?.({ error: m.error, cancelled: m.cancelled, tensorCounts: m.tensorCounts, terminated: false });
    };
    this.worker.onerror = (e) => this.finish?.({ error: `the benchmark worker failed: ${e.message || 'script error'}`, cancelled: false, tensorCounts: [], terminated: true });
    this.send({ kind: 'start', settings });
  }

  private send(request: DeviceBenchmarkRequest): void {
    this.worker.postMessage(request);
  }

  /** Stops the run: at the next run boundary, or by ending the worker after CANCEL_GRACE_MS. */
  cancel(): void {
    if (!this.finish) return;
    this.send({ kind: 'cancel' });
    setTimeout(() => this.finish?.({ error: 'cancelled', cancelled: true, tensorCounts: [], terminated: true }), CANCEL_GRACE_MS);
  }
}
