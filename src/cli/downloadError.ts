// The typed error of a download (`vheat fetch`, the servers' official-model route): one line naming the file and
// why, with an InputError code ('network' when nothing usable arrived, 'malformed' when it arrived truncated ...).

import { InputError, type InputErrorCode } from '../engine/errors';

export class DownloadError extends InputError {
  constructor(file: string, reason: string, code: InputErrorCode) {
    super(file, reason, code);
    this.name = 'DownloadError';
  }
}

/** Error codes of Node and undici that mean the host could not be reached at all. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

function causeChain(e: unknown): { code?: string; message: string }[] {
  const out: { code?: string; message: string }[] = [];
  let c: unknown = e;
  for (let i = 0; i < 5 && c && typeof c === 'object'; i++) {
    const err = c as { code?: unknown; message?: unknown; cause?: unknown };
    out.push({ code: typeof err.code === 'string' ? err.code : undefined, message: typeof err.message === 'string' ? err.message : '' });
    c = err.cause;
  }
  return out;
}

/** A fetch that threw before any response: a proxy that refused, or no network (the host not reachable). */
export function describeFetchFailure(file: string, url: string, e: unknown): DownloadError {
  const chain = causeChain(e);
  const proxy = chain.find((c) => /proxy/i.test(c.message));
  if (proxy) {
    const status = /\((\d{3})\)/.exec(proxy.message)?.[1];
    return new DownloadError(file, `the proxy refused the connection to ${new URL(url).host}${status ? ` (HTTP ${status})` : ''}: check HTTPS_PROXY / HTTP_PROXY / NO_PROXY`, 'network');
  }
  const code = chain.find((c) => c.code && UNREACHABLE.has(c.code))?.code;
  const host = new URL(url).host;
  if (code) return new DownloadError(file, `no network: cannot reach ${host} (${code})`, 'network');
  const last = chain[chain.length - 1];
  return new DownloadError(file, `the download from ${host} failed (${last?.code ?? last?.message ?? 'unknown reason'})`, 'network');
}
