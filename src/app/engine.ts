// The one engine worker of the page.
import { EngineClient } from './engineClient';

let client: EngineClient | null = null;

export function engine(): EngineClient {
  client ??= new EngineClient();
  return client;
}
