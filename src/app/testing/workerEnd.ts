// The worker's end of a MessageChannel for tests of the UI-thread side (EngineClient, actions): it records every
// request and the test answers each when it chooses, so the order of answers is under the test's control.
import type { WorkerMessage, WorkerRequest } from '../worker/protocol';

/** The worker end of the channel: every request that arrived, in order, and a way to answer each. */
export class WorkerEnd {
  readonly requests: WorkerRequest[] = [];
  private readonly waiters: (() => void)[] = [];

  constructor(readonly port: MessagePort) {
    port.onmessage = (e: MessageEvent<WorkerRequest>) => {
      this.requests.push(e.data);
      this.waiters.splice(0).forEach((wake) => wake());
    };
  }

  /** Resolves once `count` requests have arrived. */
  async received(count: number): Promise<WorkerRequest[]> {
    while (this.requests.length < count) await new Promise<void>((wake) => this.waiters.push(wake));
    return this.requests;
  }

  send(msg: WorkerMessage): void {
    this.port.postMessage(msg);
  }

  answer(req: WorkerRequest, result: unknown): void {
    this.send({ kind: 'response', id: req.id, ok: true, result });
  }

  fail(req: WorkerRequest, message: string): void {
    this.send({ kind: 'response', id: req.id, ok: false, error: { name: 'Error', message } });
  }
}
