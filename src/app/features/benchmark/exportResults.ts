// Sharing a device benchmark: the result file (the JSON format of bench/results/, suite 'device', plus the app
// version and the leak check) and the plot as a PNG, both as downloads.
import { download } from '../../ui/render/exportFigure';
import { version } from '../../../../package.json';
import type { AdapterDescription, BenchResultFile, BenchRow } from '../../../plots/resultPlots';
import type { DeviceBenchmarkSettings } from './deviceBenchmarkProtocol';
import { UnavailableError } from '../../../engine/errors';

export interface FinishedBenchmark {
  settings: DeviceBenchmarkSettings;
  startedAt: Date;
  adapter: AdapterDescription | null;
  rows: BenchRow[];
  error: string | null;
  tensorCounts: { runtime: string; before: number; after: number }[];
}

export function benchmarkResultFile(b: FinishedBenchmark): BenchResultFile {
  const { sizes, runs, warmup, seed } = b.settings;
  const options = { sizes: sizes.join(','), runs: String(runs), warmup: String(warmup), seed: String(seed), layout: 'vHeat-T' };
  return {
    suite: 'device',
    date: b.startedAt.toISOString(),
    // i18n: verbatim (the result file's record of the command, the same in every language, as bench/results/ keeps it)
    command: `Heat Lab playground, Benchmark this device: ${Object.entries(options).map(([k, v]) => `${k}=${v}`).join(' ')}`,
    options,
    adapter: b.adapter,
    userAgent: navigator.userAgent,
    error: b.error,
    rows: b.rows,
    appVersion: version,
    tensorCounts: b.tensorCounts,
  };
}

/** A file name for the downloads: heat-lab-benchmark-<adapter>-<date>. */
export function benchmarkFileStem(b: FinishedBenchmark): string {
  const adapter = b.adapter ? [b.adapter.vendor, b.adapter.architecture].filter(Boolean).join('-') : 'no-webgpu';
  const date = b.startedAt.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return `heat-lab-benchmark-${adapter.replace(/[^A-Za-z0-9-]+/g, '-') || 'adapter'}-${date}`;
}

/** Starts a download (the page's one helper, render/exportFigure.ts). */
export const downloadBlob = download;

export function downloadResultJson(b: FinishedBenchmark): void {
  const json = `${JSON.stringify(benchmarkResultFile(b), null, 2)}\n`;
  downloadBlob(new Blob([json], { type: 'application/json' }), `${benchmarkFileStem(b)}.json`);
}

/** Rasterises an SVG string (with width and height attributes) at `scale` x its size. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new UnavailableError('no 2D canvas');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new UnavailableError('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
