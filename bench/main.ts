// Benchmark page: runs the suites named in ?suites=a,b (default: all) and hands results to bench/run.mjs
// through window.__benchReport (progress) and window.__benchDone (final result).
import { describeAdapter as engineAdapterReport } from '../src/engine/backend/adapter';
import { setActiveAdapter } from '../src/engine/backend/kernelChoice';
import { measure } from '../src/benchmark/measure';
import { useTfBackend } from './onnx/runtimes';
import type { AdapterDescription, BenchContext, BenchRow, SuiteResult } from '../src/benchmark/types';
import { setResourceBudget } from '../src/engine/budget';
import { MAX_MEMORY_BUDGET_BYTES, MAX_TIME_BUDGET_S } from '../src/engine/limits';

// Benchmarks run deliberately large work (vHeat-T up to 1024 px): the resource budget is raised to its ceiling.
setResourceBudget({ memoryBytes: MAX_MEMORY_BUDGET_BYTES, seconds: MAX_TIME_BUDGET_S });

type SuiteModule = { default: (ctx: BenchContext) => Promise<BenchRow[]> };

const suiteModules = import.meta.glob<SuiteModule>('./suites/*.ts');

export interface BenchPageResult {
  adapter: AdapterDescription | null;
  userAgent: string;
  available: string[];
  results: SuiteResult[];
}

declare global {
  interface Window {
    __benchReport?: (line: string) => void;
    __benchDone?: BenchPageResult;
  }
}

function suiteName(path: string): string {
  return path.replace('./suites/', '').replace(/\.ts$/, '');
}

function report(line: string): void {
  const el = document.getElementById('log');
  if (el) el.textContent += `\n${line}`;
  window.__benchReport?.(line);
}

async function describeAdapter(): Promise<AdapterDescription | null> {
  if (!('gpu' in navigator)) return null;
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return null;
  // The kernel-choice row the ops read (heat operator's crossover, dense, norm), as the app's worker and the Node
  // runner set it; without this the page ran on the 'unmeasured-gpu' row whatever the adapter.
  report(`kernel-choice row: ${setActiveAdapter(engineAdapterReport(adapter)).name}`);
  const info = adapter.info;
  const fallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const infoFallback = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    description: info.description,
    device: info.device,
    isFallbackAdapter: infoFallback ?? fallback ?? null,
  };
}

async function main(): Promise<void> {
  const available = Object.keys(suiteModules).map(suiteName).sort();
  const query = new URLSearchParams(location.search);
  const wanted = query.get('suites');
  const options: Record<string, string> = {};
  for (const [key, value] of query) if (key !== 'suites') options[key] = value;
  const chosen = wanted ? wanted.split(',').filter(Boolean) : available;
  const adapter = await describeAdapter();
  const results: SuiteResult[] = [];
  for (const suite of chosen) {
    const load = suiteModules[`./suites/${suite}.ts`];
    if (!load) {
      results.push({ suite, rows: [], error: `no suite '${suite}' (available: ${available.join(', ')})` });
      continue;
    }
    report(`suite ${suite}: start`);
    const ctx: BenchContext = {
      suite,
      options,
      log: (m) => report(`[${suite}] ${m}`),
      useBackend: useTfBackend,
      runtime: 'browser',
      measure: async (name, params, run, opts) => {
        const row = await measure(name, params, run, opts);
        report(`[${suite}] ${name}: median ${row.medianMs.toFixed(2)} ms (min ${row.minMs.toFixed(2)}, max ${row.maxMs.toFixed(2)}, ${row.runs} runs)`);
        return row;
      },
    };
    try {
      const mod = await load();
      results.push({ suite, rows: await mod.default(ctx) });
    } catch (e) {
      const message = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
      report(`suite ${suite}: FAILED ${message}`);
      results.push({ suite, rows: [], error: message });
    }
  }
  window.__benchDone = { adapter, userAgent: navigator.userAgent, available, results };
}

void main();
