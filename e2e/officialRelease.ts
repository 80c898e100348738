// The loopback "release" the e2e servers download official checkpoints from (nothing leaves the machine):
// playwright.config.ts points both servers' VHEAT_RELEASE_URL at it and their cache at a folder of this run;
// e2e/official.spec.ts starts it. It serves fixtures/parity/vheat_pre.pth (a small vHeat saved by torch.save in the
// official layout) as vHeat_tiny.pth, slowly enough that the page's progress can be seen.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const releasePort = Number(process.env.E2E_PORT ?? 5199) + 2;

/** The environment of the e2e servers for the official-models route. */
export const OFFICIAL_E2E_ENV = {
  VHEAT_RELEASE_URL: `http://127.0.0.1:${releasePort}/releases/download/vheatcls`,
  HEAT_LAB_CACHE_DIR: join(tmpdir(), `heat-lab-e2e-official-${releasePort}`),
  // The fixture is a small vHeat, not vHeat-T: the route accepts any vHeat under an official name.
  VHEAT_FETCH_ANY_VHEAT: '1',
};

export interface LoopbackRelease {
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves the fixture in 16 KiB pieces every 40 ms (about 1 s for its 433 KiB). */
export function startLoopbackRelease(): Promise<LoopbackRelease> {
  const body = readFileSync(new URL('../fixtures/parity/vheat_pre.pth', import.meta.url));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (!req.url?.endsWith('/vHeat_tiny.pth')) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
    let at = 0;
    const timer = setInterval(() => {
      res.write(body.subarray(at, at + 16384));
      at += 16384;
      if (at >= body.length) {
        clearInterval(timer);
        res.end();
      }
    }, 40);
    res.on('close', () => clearInterval(timer));
  });
  return new Promise((resolve) =>
    server.listen(releasePort, '127.0.0.1', () => resolve({ requests, close: () => new Promise((r) => server.close(() => r())) })),
  );
}
