// The route behind `npm run dev` and `npm run preview` (the plugin in vite.config.ts loads this file when a server
// starts): the official vHeat checkpoints, downloaded once by the server into the local cache (the same code and folder
// as `vheat fetch`) and streamed to the page as they arrive, so the page shows the download's progress. Release
// downloads send no CORS headers, so the page cannot fetch them itself; a static host has no such route, and the page
// (src/app/official/) says how to download instead.
//   GET /api/official-models/index.json   what the server can give: [{ name, file, cached }]
//   GET /api/official-models/<name>        the checkpoint (the converted web format when `vheat fetch` made one);
//                                           header X-Model-File names it. A refused download: 502 with one line.
// Environment: HEAT_LAB_CACHE_DIR and VHEAT_RELEASE_URL as for `vheat fetch`; VHEAT_FETCH_ANY_VHEAT=1 (the e2e
// servers, whose release is a loopback server) accepts a small vHeat under an official name instead of checking the
// configuration the name promises.

import { createReadStream, existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { isInputError } from '../../src/engine/errors';
import { OFFICIAL_CHECKPOINTS, officialCheckpoint, type OfficialCheckpoint } from '../../src/engine/weights/officialCheckpoints';
import { partialPath } from '../../src/cli/download';
import { defaultCacheDir, downloadOfficial, releaseUrl, webFileName, type FetchOfficialOptions } from '../../src/cli/fetchOfficial';

export const OFFICIAL_ROUTE = '/api/official-models/';

type RouteOptions = Omit<FetchOfficialOptions, 'onProgress' | 'dispatcher'>;

/** One download in progress, shared by every request for the same checkpoint. */
interface InFlight {
  total: number | null;
  written: number;
  finished: boolean;
  error: unknown;
  wake: Set<() => void>;
}

const inFlight = new Map<string, InFlight>();

function startDownload(c: OfficialCheckpoint, o: RouteOptions): InFlight {
  const known = inFlight.get(c.name);
  if (known) return known;
  const state: InFlight = { total: null, written: 0, finished: false, error: null, wake: new Set() };
  const notify = () => {
    for (const w of [...state.wake]) w();
  };
  inFlight.set(c.name, state);
  downloadOfficial(c, { ...o, onProgress: (p) => ((state.total = p.total), (state.written = p.received), notify()) })
    .then((d) => ((state.written = statSync(d.path).size), (state.finished = true)))
    .catch((e: unknown) => (state.error = e))
    .finally(() => (inFlight.delete(c.name), notify()));
  return state;
}

const next = (s: InFlight) => new Promise<void>((resolve) => s.wake.add(function once() {
  s.wake.delete(once);
  resolve();
}));

function refuse(res: ServerResponse, status: number, e: unknown): void {
  const message = isInputError(e) ? `${e.message} [${e.code}]` : `internal error: ${e instanceof Error ? e.message : String(e)}`;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
}

/** Sends the checkpoint while it downloads: every byte written so far but the last, which waits for the file's check. */
async function streamDownload(c: OfficialCheckpoint, o: RouteOptions, res: ServerResponse): Promise<void> {
  const state = startDownload(c, o);
  while (state.total === null && !state.finished && !state.error) await next(state);
  if (state.error && state.written === 0) return refuse(res, 502, state.error);
  const path = join(o.dir, c.file);
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-model-file': c.file, ...(state.total ? { 'content-length': state.total } : {}) });
  const fd = openSync(existsSync(partialPath(path)) ? partialPath(path) : path, 'r');
  const buf = Buffer.alloc(1 << 20);
  let sent = 0;
  try {
    for (;;) {
      const limit = state.finished ? state.written : state.written - 1;
      while (sent < limit) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, limit - sent), sent);
        if (n <= 0) break;
        sent += n;
        if (!res.write(Buffer.from(buf.subarray(0, n)))) await new Promise((r) => res.once('drain', r));
      }
      if (state.error) return void res.destroy();
      if (state.finished && sent >= state.written) return void res.end();
      await next(state);
    }
  } finally {
    closeSync(fd);
  }
}

async function serveCheckpoint(c: OfficialCheckpoint, o: RouteOptions, res: ServerResponse): Promise<void> {
  const cached = [webFileName(c), c.file].find((f) => existsSync(join(o.dir, f)) && !inFlight.has(c.name));
  if (!cached) return streamDownload(c, o, res);
  const path = join(o.dir, cached);
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-model-file': cached, 'content-length': statSync(path).size });
  createReadStream(path).pipe(res);
}

/** The connect middleware of both servers. */
export function officialModelsHandler(o: RouteOptions = routeOptions()) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = req.url ?? '';
    if (!url.startsWith(OFFICIAL_ROUTE) || req.method !== 'GET') return next();
    const what = url.slice(OFFICIAL_ROUTE.length).split('?')[0];
    if (what === 'index.json') {
      const list = OFFICIAL_CHECKPOINTS.map((c) => ({ name: c.name, file: c.file, cached: existsSync(join(o.dir, c.file)) || existsSync(join(o.dir, webFileName(c))) }));
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
    }
    const c = officialCheckpoint(what);
    if (!c) return void res.writeHead(404, { 'content-type': 'text/plain' }).end(`no official model ${JSON.stringify(what)}`);
    serveCheckpoint(c, o, res).catch((e: unknown) => (res.headersSent ? res.destroy() : refuse(res, 500, e)));
  };
}

function routeOptions(env: NodeJS.ProcessEnv = process.env): RouteOptions {
  const anyVheat = env.VHEAT_FETCH_ANY_VHEAT === '1';
  return { dir: defaultCacheDir(env), baseUrl: releaseUrl(env), ...(anyVheat ? { checkConfig: (c) => (c.family === 'vheat' ? null : 'is no vHeat') } : {}) };
}
