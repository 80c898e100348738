// The one engine worker of the page, and its replacement when it has to go (a stopped load, a failed worker).
import { EngineClient, type EngineChannel, type RestartCause } from './engineClient';
import { InternalError } from '../engine/errors';

let client: EngineClient | null = null;
let connect: () => EngineChannel = () =>
  new Worker(new URL('./worker/engineWorker.ts', import.meta.url), { type: 'module', name: 'heat-lab-engine' });

export function engine(): EngineClient {
  client ??= new EngineClient(connect());
  return client;
}

/** Terminates the engine worker and starts a fresh, empty one; calls in flight reject with EngineRestartError. */
export function replaceEngineWorker(cause: RestartCause, message: string): void {
  engine().restart(connect(), cause, message);
}

/** Makes `next` the engine of the page, before anything used engine() (tests: a client on a MessageChannel, and
 *  `nextConnect` for the channel a restart moves to). */
export function setEngineClient(next: EngineClient, nextConnect?: () => EngineChannel): void {
  if (client) throw new InternalError('the engine client is already in use');
  client = next;
  if (nextConnect) connect = nextConnect;
}
