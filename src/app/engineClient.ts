// Typed RPC client for the engine worker (UI thread side).
import type { LoadProgressEvent, RequestMap, RequestType, SerializedError, WorkerMessage, WorkerRequest, WorkerWords } from './worker/protocol';
import { tFor } from './i18n/i18n';
import { workerText } from './i18n/workerText';
import type { ErrorCode } from '../engine/errors';

/** An error thrown in the worker, with the fields of ImageInputError / WeightFileError when present. */
export class EngineError extends Error {
  readonly file?: string;
  readonly reason?: string;
  readonly kind: string;
  readonly code: ErrorCode;
  constructor(e: SerializedError) {
    super(e.message);
    this.name = 'EngineError';
    this.kind = e.name;
    this.file = e.file;
    this.reason = e.reason;
    this.code = e.code ?? 'internal';
  }
}

/** Why a worker was replaced: the user stopped a long task, or the worker failed (an error outside any request). */
export type RestartCause = 'stopped' | 'failed';

/** Rejects every call that was in flight when the worker was replaced; the app restores its state, it shows no error. */
export class EngineRestartError extends Error {
  readonly code = 'interrupted' as const;

  constructor(readonly restartCause: RestartCause, message: string) {
    super(message);
    this.name = 'EngineRestartError';
  }
}

export const isEngineRestart = (e: unknown): e is EngineRestartError => e instanceof EngineRestartError;

/** A request's progress: a fraction that never decreases within a model load, a label (in the page's language), and a load's structured event. */
export type ProgressListener = (fraction: number, label: string, event?: LoadProgressEvent) => void;

interface ProgressShown {
  fraction: number;
  label: WorkerWords;
  event?: LoadProgressEvent;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: ProgressListener;
}

/** The worker end the client talks to: the engine Worker in the page, a MessagePort in tests. */
export interface EngineChannel {
  postMessage(message: WorkerRequest): void;
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null;
  onerror?: ((e: ErrorEvent) => void) | null;
  /** Stops the worker at once, mid-task if need be (Worker.terminate). */
  terminate?(): void;
}

/** Runs a callback before the next paint (requestAnimationFrame in the page). */
export type FrameScheduler = (callback: () => void) => unknown;

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly slots = new Map<string, Slot>();
  private readonly progress = new Map<number, ProgressShown>();
  private progressFrameQueued = false;
  onDeviceLost: (message: string) => void = () => {};
  /** The worker raised an error outside any request: its state is unknown (calls in flight were rejected). */
  onWorkerFailed: (message: string) => void = () => {};
  private worker!: EngineChannel;

  constructor(
    worker: EngineChannel,
    private readonly nextFrame: FrameScheduler = (callback) => requestAnimationFrame(callback),
  ) {
    this.attach(worker);
  }

  private attach(worker: EngineChannel): void {
    this.worker = worker;
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(e.data);
    worker.onerror = (e) => {
      // The browser's own message (technical, as it gives it), or ours when it gives none (a script that failed to load).
      const message = e.message || tFor('errors')('scriptError');
      // The app restarts the worker next (engineRestart.ts): calls in flight end as a restart, which no view shows
      // as its own error.
      this.rejectAll(new EngineRestartError('failed', `engine worker failed: ${message}`));
      this.onWorkerFailed(message);
    };
  }

  private rejectAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.progress.clear();
  }

  /**
   * Stops the current worker (mid-task if need be) and goes on with `next`. Every call in flight rejects with an
   * EngineRestartError; the new worker starts empty, so the caller loads the backend, model and image again.
   */
  restart(next: EngineChannel, cause: RestartCause, message: string): void {
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate?.();
    this.rejectAll(new EngineRestartError(cause, message));
    this.attach(next);
  }

  private receive(msg: WorkerMessage): void {
    if (msg.kind === 'deviceLost') {
      this.onDeviceLost(msg.message);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.kind === 'progress') {
      this.queueProgress(msg.id, { fraction: msg.fraction, label: msg.label, event: msg.event });
      return;
    }
    this.pending.delete(msg.id);
    // Progress shown after the answer would be stale (a bar left behind a finished load).
    this.progress.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new EngineError(msg.error));
  }

  /**
   * Progress events come in bursts (one per percent while a model is read): each animation frame shows
   * the newest of each request only, so a burst costs the UI thread one render, not one per message.
   */
  private queueProgress(id: number, shown: ProgressShown): void {
    this.progress.set(id, shown);
    if (this.progressFrameQueued) return;
    this.progressFrameQueued = true;
    this.nextFrame(() => {
      this.progressFrameQueued = false;
      const due = [...this.progress];
      this.progress.clear();
      for (const [id, { fraction, label: words, event }] of due) {
        const listener = this.pending.get(id)?.onProgress;
        if (!listener) continue;
        // Translated as shown: the worker sends keys, the page knows the language.
        const label = workerText(words);
        if (event) listener(fraction, label, event);
        else listener(fraction, label);
      }
    });
  }

  call<K extends RequestType>(
    type: K,
    payload: RequestMap[K]['req'],
    onProgress?: ProgressListener,
  ): Promise<RequestMap[K]['res']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.worker.postMessage({ id, type, payload });
    });
  }

  /**
   * For views that only care about the newest answer (slider drags): at most one request per key is in
   * the worker at a time; while it runs, newer calls replace each other and only the last one is sent
   * when it finishes. Calls that were replaced resolve to null, and so does a finished call that was
   * overtaken by a newer one, so stale results are never shown.
   */
  coalesce<K extends RequestType>(key: string, type: K, payload: RequestMap[K]['req']): Promise<RequestMap[K]['res'] | null> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { running: false, next: null, generation: 0 };
      this.slots.set(key, slot);
    }
    const s = slot;
    return new Promise((resolve, reject) => {
      s.next?.resolve(null);
      s.next = { run: () => this.call(type, payload), resolve: resolve as (v: unknown) => void, reject };
      s.generation++;
      if (!s.running) this.pump(s);
    });
  }

  private pump(s: Slot): void {
    const job = s.next;
    if (!job) {
      s.running = false;
      return;
    }
    s.next = null;
    s.running = true;
    const generation = s.generation;
    job.run().then(
      (v) => job.resolve(s.generation === generation ? v : null),
      (e: Error) => (s.generation === generation ? job.reject(e) : job.resolve(null)),
    ).finally(() => this.pump(s));
  }
}

interface Slot {
  running: boolean;
  generation: number;
  next: { run: () => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: Error) => void } | null;
}
