// The one engine worker of the page.
import { EngineClient } from './engineClient';

let client: EngineClient | null = null;

export function engine(): EngineClient {
  client ??= new EngineClient(new Worker(new URL('./worker/engineWorker.ts', import.meta.url), { type: 'module', name: 'heat-lab-engine' }));
  return client;
}

/** Makes `next` the engine of the page, before anything used engine() (tests: a client on a MessageChannel). */
export function setEngineClient(next: EngineClient): void {
  if (client) throw new Error('the engine client is already in use');
  client = next;
}
