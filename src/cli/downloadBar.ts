// The progress bar of a download on stderr: bytes, rate and time left. On a terminal one line rewritten in place (at
// most every 100 ms); elsewhere (a log, a pipe) a plain line at every further 10 %, so logs stay short.

import type { DownloadProgress } from './download';

interface LineOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

const MB = 1e6;
const REDRAW_MS = 100;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds - 60 * m)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** One line: `vHeat_tiny.pth [#####.....]  48%  55.2/115.0 MB  12.4 MB/s  5 s left`. */
export function downloadLine(label: string, p: DownloadProgress, seconds: number): string {
  const rate = seconds > 0 ? (p.received - p.resumedFrom) / seconds : 0;
  const resumed = p.resumedFrom > 0 ? ` (resumed at ${(p.resumedFrom / MB).toFixed(1)} MB)` : '';
  if (p.total === null || p.total === 0) return `${label}  ${(p.received / MB).toFixed(1)} MB  ${(rate / MB).toFixed(1)} MB/s${resumed}`;
  const f = Math.min(p.received / p.total, 1);
  const filled = Math.round(f * 20);
  const left = rate > 0 ? (p.total - p.received) / rate : Infinity;
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%  ` +
    `${(p.received / MB).toFixed(1)}/${(p.total / MB).toFixed(1)} MB  ${(rate / MB).toFixed(1)} MB/s  ${f >= 1 ? 'done' : `${duration(left)} left`}${resumed}`;
}

export interface DownloadBar {
  update(p: DownloadProgress): void;
  end(): void;
}

export function downloadBar(label: string, stream: LineOutput = process.stderr, now: () => number = () => Date.now()): DownloadBar {
  const start = now();
  let lastDraw = -Infinity;
  let lastTenth = -1;
  let last: DownloadProgress | null = null;
  let drawn: DownloadProgress | null = null;
  const draw = (p: DownloadProgress, final: boolean) => {
    const line = downloadLine(label, p, (now() - start) / 1000);
    if (stream.isTTY) {
      if (!final && now() - lastDraw < REDRAW_MS) return;
      lastDraw = now();
      stream.write(`\r${line}\u001b[K${final ? '\n' : ''}`);
      return;
    }
    const tenth = p.total ? Math.floor((10 * p.received) / p.total) : Math.floor(p.received / (10 * MB));
    if ((!final && tenth === lastTenth) || (final && drawn === p)) return;
    lastTenth = tenth;
    drawn = p;
    stream.write(`${line}\n`);
  };
  return {
    update(p) {
      last = p;
      draw(p, false);
    },
    end() {
      if (last) draw(last, true);
      last = null;
    },
  };
}
