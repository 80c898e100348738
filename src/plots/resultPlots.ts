// Benchmark result files (bench/results/*.json, and the playground's "Benchmark this device" download, suite
// 'device') to SVG plots: resolution scaling on log-log axes, runtime and operator comparisons as bars.
import type { AdapterDescription, BenchRow } from '../benchmark/types';
import { barPlotSvg, type BarGroup } from './barPlot';
import { scalingPlotSvg, type ScalingSeries } from './scalingPlot';

export type { AdapterDescription, BenchRow };

/** The JSON that bench/run.mjs writes per suite; the playground's download adds the fields marked optional. */
export interface BenchResultFile {
  suite: string;
  date: string;
  command: string;
  options: Record<string, string>;
  adapter: AdapterDescription | null;
  userAgent: string;
  error: string | null;
  rows: BenchRow[];
  /** Playground downloads: package.json's version. */
  appVersion?: string;
  /** Playground downloads: live tensors before building and after disposing each backend's model (leak check). */
  tensorCounts?: { runtime: string; before: number; after: number }[];
}

export interface NamedPlot {
  /** File name stem: the result file's, plus a suffix when one file gives several plots. */
  name: string;
  svg: string;
}

/** Readable names of the runtimes and operator paths that appear in params.runtime / params.impl. */
const RUNTIME_LABELS: Record<string, string> = {
  'webgpu-wgsl': 'WebGPU, WGSL operator',
  'webgpu-portable': 'WebGPU, portable operator',
  wasm: 'CPU (tfjs-wasm)',
  wgsl: 'WebGPU, WGSL operator',
  portable: 'portable (tfjs matMul)',
  'wgsl-fused': 'WGSL, fused',
  typescript: 'TypeScript kernel',
  fast: 'TypeScript kernel, fast DCT',
  'engine-wgsl': 'engine, WebGPU WGSL',
  'engine-portable': 'engine, WebGPU portable',
  'engine-cpu': 'engine, CPU (tfjs-wasm)',
  'ort-webgpu': 'onnxruntime, WebGPU',
  'ort-wasm': 'onnxruntime, wasm',
};

export function runtimeLabel(key: string): string {
  return RUNTIME_LABELS[key] ?? key;
}

export function adapterLabel(adapter: AdapterDescription | null): string {
  if (!adapter) return 'no WebGPU adapter';
  const parts = [adapter.vendor, adapter.architecture, adapter.description].filter((s) => s && s.length > 0);
  return `${parts.join(' / ') || 'unknown adapter'}${adapter.isFallbackAdapter ? ' (fallback adapter)' : ''}`;
}

function subtitle(file: BenchResultFile): string {
  const date = file.date ? `${file.date.slice(0, 16).replace('T', ' ')} UTC` : '';
  return [adapterLabel(file.adapter), date].filter(Boolean).join(' · ');
}

/** Rows grouped by a key, in order of first appearance. */
function groupBy(rows: BenchRow[], key: (r: BenchRow) => string): Map<string, BenchRow[]> {
  const out = new Map<string, BenchRow[]>();
  for (const r of rows) {
    const k = key(r);
    out.set(k, [...(out.get(k) ?? []), r]);
  }
  return out;
}

/** One series per runtime (device suite) or operator path (resolution suite), x = pixels. */
export function scalingSeries(rows: BenchRow[]): ScalingSeries[] {
  const byRuntime = groupBy(rows.filter((r) => Number(r.params.pixels) > 0), (r) => String(r.params.runtime ?? r.params.impl ?? r.name));
  return [...byRuntime].map(([key, rs]) => ({
    label: runtimeLabel(key),
    points: rs.map((r) => ({ pixels: Number(r.params.pixels), sizeLabel: `${r.params.side}²`, medianMs: r.medianMs, minMs: r.minMs, maxMs: r.maxMs })),
  }));
}

function bar(r: BenchRow, label: string): BarGroup['bars'][number] {
  return { label, medianMs: r.medianMs, minMs: r.minMs, maxMs: r.maxMs, runs: r.runs };
}

/** Bars per group for the comparison suites; null for a suite without a bar plot. */
function barGroups(file: BenchResultFile): { title: string; groups: BarGroup[] } | null {
  const p = (r: BenchRow, k: string): string => String(r.params[k] ?? '');
  const grouped = (key: (r: BenchRow) => string, label: (r: BenchRow) => string): BarGroup[] =>
    [...groupBy(file.rows, key)].map(([title, rs]) => ({ title, bars: rs.map((r) => bar(r, label(r))) }));
  switch (file.suite) {
    case 'onnx-compare':
      return {
        title: 'Runtimes compared, batch 1',
        groups: grouped((r) => p(r, 'model'), (r) => `${runtimeLabel(p(r, 'runtime'))}${r.params.ep === 'wasm' || r.params.backend === 'wasm' ? `, ${p(r, 'threads')} thr.` : ''}`),
      };
    case 'heat-operator':
      return { title: 'Heat operator at vHeat-T stage sizes', groups: grouped((r) => `N = ${p(r, 'n')}, C = ${p(r, 'c')}`, (r) => runtimeLabel(p(r, 'impl'))) };
    case 'cpu-heat':
      // runs before issue 22 name a square map's side n; later ones give h and w
      return { title: 'CPU heat operator: kernel or matMuls', groups: grouped((r) => (r.params.h === undefined ? `${p(r, 'n')}×${p(r, 'n')}×${p(r, 'c')}` : `${p(r, 'h')}×${p(r, 'w')}×${p(r, 'c')}`), (r) => runtimeLabel(p(r, 'impl'))) };
    case 'model':
      return { title: 'vHeat-T 224, whole model, batch 1', groups: grouped(() => '', (r) => runtimeLabel(p(r, 'impl'))) };
    case 'model-load':
      return { title: 'Model load to first result', groups: grouped((r) => p(r, 'model'), (r) => p(r, 'path')) };
    default:
      return null;
  }
}

/** The plots of one result file (none for a file without rows or a suite that has no plot). */
export function plotsForResults(file: BenchResultFile, name: string, width = 720): NamedPlot[] {
  if (file.rows.length === 0) return [];
  if (file.suite === 'cost-vs-size') {
    const title = `Token mixers: time per call against tokens N = side², C = ${file.rows[0].params.c}, batch 1`;
    return [{ name, svg: scalingPlotSvg({ title, subtitle: subtitle(file), series: scalingSeries(file.rows), width }) }];
  }
  if (file.suite === 'resolution' || file.suite === 'device') {
    const model = String(file.rows[0].params.model ?? 'vHeat');
    const title = `${model} latency against input size, batch 1`;
    return [{ name, svg: scalingPlotSvg({ title, subtitle: subtitle(file), series: scalingSeries(file.rows), width }) }];
  }
  const bars = barGroups(file);
  if (!bars) return [];
  const groups = bars.groups.map((g) => (g.title ? g : { bars: g.bars }));
  return [{ name, svg: barPlotSvg({ title: bars.title, subtitle: subtitle(file), groups, width }) }];
}
