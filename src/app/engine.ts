// The one engine worker of the page.
import { EngineClient } from './engineClient';

let client: EngineClient | null = null;

export function engine(): EngineClient {
  client ??= new EngineClient(new Worker(new URL('./worker/engineWorker.ts', import.meta.url), { type: 'module', name: 'heat-lab-engine' }));
  return client;
}
