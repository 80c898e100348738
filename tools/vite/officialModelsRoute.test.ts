// The servers' official-models route against a loopback release (the e2e test drives it from the page): the list,
// a checkpoint streamed while it downloads and then served from the cache, a refused download as one line (502), and
// a file that fails its check never arriving whole (its last byte is held back until the check, then the connection
// is cut).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parityFixture, testFolder } from '../../src/cli/testing/cliRun';
import { startReleaseServer, type ReleaseServer } from '../../src/cli/testing/releaseServer';
import { officialModelsHandler } from './officialModelsRoute';

const fixture = readFileSync(parityFixture('vheat_pre.pth'));
const root = testFolder('heat-lab-route-');
let release: ReleaseServer;
const servers: Server[] = [];

beforeAll(async () => {
  release = await startReleaseServer({ 'vHeat_tiny.pth': new Uint8Array(fixture) });
});
afterAll(async () => {
  await release.close();
  for (const s of servers) s.close();
});

/** A server with only the route (anything else: 404), like `vite` / `vite preview` with the plugin. */
async function routeServer(dir: string, baseUrl: string, anyVheat = true): Promise<string> {
  const handle = officialModelsHandler({ dir, baseUrl, ...(anyVheat ? { checkConfig: () => null } : {}) });
  const server = createServer((req, res) => handle(req, res, () => res.writeHead(404).end()));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/official-models/`;
}

describe('official-models route', () => {
  it('lists the models, streams a download, then serves it from the cache', async () => {
    const dir = join(root, 'a');
    const url = await routeServer(dir, release.url);
    expect(await (await fetch(`${url}index.json`)).json()).toEqual([
      { name: 'tiny', file: 'vHeat_tiny.pth', cached: false }, { name: 'small', file: 'vHeat_small.pth', cached: false }, { name: 'base', file: 'vHeat_base.pth', cached: false },
    ]);
    release.requests.length = 0;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${url}tiny`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-model-file')).toBe('vHeat_tiny.pth');
      expect(Number(res.headers.get('content-length'))).toBe(fixture.length);
      expect(Buffer.from(await res.arrayBuffer()).equals(fixture), 'the served bytes').toBe(true);
    }
    expect(release.requests).toHaveLength(1);
    expect(((await (await fetch(`${url}index.json`)).json()) as { cached: boolean }[])[0].cached).toBe(true);
    expect((await fetch(`${url}huge`)).status).toBe(404);
    // After `vheat fetch` has converted it, the (smaller) web-format file is what the page gets.
    writeFileSync(join(dir, 'vHeat_tiny.safetensors'), 'converted');
    const converted = await fetch(`${url}tiny`);
    expect([converted.headers.get('x-model-file'), await converted.text()]).toEqual(['vHeat_tiny.safetensors', 'converted']);
  });

  it('answers 502 with one line when the release cannot be reached', async () => {
    const gone = await startReleaseServer();
    await gone.close();
    const url = await routeServer(join(root, 'b'), gone.url);
    const res = await fetch(`${url}tiny`);
    expect(res.status).toBe(502);
    expect(await res.text()).toMatch(/^vHeat_tiny\.pth: no network: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\) \[network\]$/);
  });

  it('never delivers a file that fails its check whole: the connection is cut before the last byte', async () => {
    const url = await routeServer(join(root, 'c'), release.url, false);
    const res = await fetch(`${url}tiny`);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
  });
});
