// Test-only loopback servers for downloads: a release server (127.0.0.1, a random port) that serves files by name
// with HTTP Range support and can cut a connection mid-body, and an HTTP proxy (CONNECT tunnels and absolute-form
// requests) that records what went through it, or refuses everything with 407.

import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ReleaseServer {
  url: string;
  /** Every request: path and its Range header. */
  requests: { path: string; range?: string }[];
  /** Files by name (set or replace at any time). */
  files: Map<string, Uint8Array>;
  /** The next N responses end the connection after this many body bytes (counted from where the response starts). */
  cut: { afterBytes: number; times: number } | null;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

function serveFile(state: ReleaseServer, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').replace(/^https?:\/\/[^/]+/, '');
  const range = req.headers.range;
  state.requests.push({ path, range });
  const data = state.files.get(path.split('/').pop() ?? '');
  if (!data) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  let start = 0;
  if (range) {
    start = Number(/bytes=(\d+)-/.exec(range)?.[1] ?? 0);
    if (start >= data.length) {
      res.writeHead(416, { 'content-range': `bytes */${data.length}` }).end();
      return;
    }
    res.writeHead(206, { 'content-length': data.length - start, 'content-range': `bytes ${start}-${data.length - 1}/${data.length}`, 'accept-ranges': 'bytes' });
  } else res.writeHead(200, { 'content-length': data.length, 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream' });
  const body = data.subarray(start);
  if (state.cut && state.cut.times > 0) {
    state.cut.times--;
    res.write(body.subarray(0, state.cut.afterBytes), () => setTimeout(() => res.socket?.destroy(), 20));
    return;
  }
  res.end(body);
}

export async function startReleaseServer(files: Record<string, Uint8Array> = {}): Promise<ReleaseServer> {
  const server = createServer((req, res) => serveFile(state, req, res));
  const sockets = trackSockets(server);
  const port = await listen(server);
  const state: ReleaseServer = {
    url: `http://127.0.0.1:${port}/releases/download/vheatcls`,
    requests: [],
    files: new Map(Object.entries(files)),
    cut: null,
    close: () => closeServer(server, sockets),
  };
  return state;
}

export interface TestProxy {
  url: string;
  /** What went through: `CONNECT host:port` or `GET http://...`. */
  seen: string[];
  close(): Promise<void>;
}

/** A forwarding HTTP proxy; with `refuse`, every request and tunnel is answered 407 Proxy Authentication Required. */
export async function startTestProxy(refuse = false): Promise<TestProxy> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (refuse) return void res.writeHead(407, { 'proxy-authenticate': 'Basic' }).end();
    const up = httpRequest(req.url!, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    if (refuse) return void socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
    const [host, port] = (req.url ?? '').split(':');
    const up = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  const sockets = trackSockets(server);
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, seen, close: () => closeServer(server, sockets) };
}
