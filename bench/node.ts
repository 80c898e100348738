// Benchmark runner in Node, WebGPU through Dawn: `npm run bench -- --runtime node <suite> [key=value ...]`
// (bench/run.mjs starts this file with tsx) and the gpu-kit's bundle (tools/gpu-kit/build.mjs bundles it).
// Prints the adapter (vendor, architecture, description, isFallbackAdapter, limits) and its kernel-choice row,
// runs the suites that need no page (NODE_SUITES), prints a table per suite and writes <results>/<suite>.json.
// Options: `--results DIR` (default bench/results, or $BENCH_RESULTS_DIR), `--wasm-dir DIR` (tfjs-backend-wasm's
// .wasm files; default: the installed package).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { adapterText, type AdapterReport } from '../src/engine/backend/adapter';
import { setActiveAdapter } from '../src/engine/backend/kernelChoice';
import { closeNodeWebgpu, useNodeWebgpu } from '../src/engine/backend/nodeWebgpu';
import { measure } from '../src/benchmark/measure';
import type { BenchContext, BenchRow, SuiteResult } from '../src/benchmark/types';
import { setResourceBudget } from '../src/engine/budget';
import { MAX_MEMORY_BUDGET_BYTES, MAX_TIME_BUDGET_S } from '../src/engine/limits';

// Benchmarks run deliberately large work (vHeat-T up to 1024 px): the resource budget is raised to its ceiling.
setResourceBudget({ memoryBytes: MAX_MEMORY_BUDGET_BYTES, seconds: MAX_TIME_BUDGET_S });

type Suite = (ctx: BenchContext) => Promise<BenchRow[]>;

/** The suites that run without a page (literal imports, so a bundler takes them in). */
const NODE_SUITES: Record<string, () => Promise<{ default: Suite }>> = {
  'backend-choice': () => import('./suites/backend-choice'),
  'kernel-choice': () => import('./suites/kernel-choice'),
  'heat-operator': () => import('./suites/heat-operator'),
  model: () => import('./suites/model'),
  resolution: () => import('./suites/resolution'),
};

interface Args {
  suites: string[];
  options: Record<string, string>;
  results: string;
  wasmDir: string | null;
}

function parse(argv: string[]): Args {
  const args: Args = { suites: [], options: {}, results: process.env.BENCH_RESULTS_DIR ?? 'bench/results', wasmDir: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--results') args.results = argv[++i];
    else if (a === '--wasm-dir') args.wasmDir = argv[++i];
    else if (a.includes('=')) args.options[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    else args.suites.push(a);
  }
  if (args.suites.length === 0) args.suites = Object.keys(NODE_SUITES);
  return args;
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function printTable(suite: string, rows: BenchRow[]): void {
  console.log(`\n== ${suite} ==`);
  for (const r of rows) console.log(`${r.name.padEnd(44)} median ${fmt(r.medianMs).padStart(7)} ms  min ${fmt(r.minMs).padStart(7)}  max ${fmt(r.maxMs).padStart(7)}  runs ${r.runs}`);
}

function makeContext(suite: string, options: Record<string, string>, wasmDir: string): BenchContext {
  let wasmPathsSet = false;
  return {
    suite,
    options,
    runtime: 'node',
    log: (m) => console.log(`[${suite}] ${m}`),
    measure: async (name, params, run, opts) => {
      const row = await measure(name, params, run, opts);
      console.log(`[${suite}] ${name}: median ${fmt(row.medianMs)} ms (min ${fmt(row.minMs)}, max ${fmt(row.maxMs)}, ${row.runs} runs)`);
      return row;
    },
    useBackend: async (name) => {
      if (name === 'webgpu') {
        setActiveAdapter(await useNodeWebgpu());
        return;
      }
      if (!wasmPathsSet) setWasmPaths(wasmDir.endsWith('/') ? wasmDir : `${wasmDir}/`);
      wasmPathsSet = true;
      if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not start');
      await tf.ready();
    },
  };
}

function printAdapter(a: AdapterReport, row: string): void {
  console.log(`adapter: ${adapterText(a)} (isFallbackAdapter: ${a.isFallbackAdapter}; kernel-choice row: ${row})`);
  console.log(`limits: ${Object.entries(a.limits).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}

export async function runNodeBench(argv: string[]): Promise<number> {
  const args = parse(argv);
  const unknown = args.suites.filter((s) => !NODE_SUITES[s]);
  if (unknown.length) {
    console.error(`bench (node): unknown or page-only suite(s): ${unknown.join(', ')}; in Node: ${Object.keys(NODE_SUITES).join(', ')}`);
    return 2;
  }
  const adapter = await useNodeWebgpu();
  const profile = setActiveAdapter(adapter);
  printAdapter(adapter, profile.name);
  const wasmDir = args.wasmDir ?? dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  const results: SuiteResult[] = [];
  for (const suite of args.suites) {
    console.log(`suite ${suite}: start`);
    try {
      const mod = await NODE_SUITES[suite]();
      results.push({ suite, rows: await mod.default(makeContext(suite, args.options, wasmDir)) });
    } catch (e) {
      const message = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
      console.error(`suite ${suite}: FAILED ${message}`);
      results.push({ suite, rows: [], error: message });
    }
  }
  const dir = resolve(args.results);
  mkdirSync(dir, { recursive: true });
  const tag = Object.keys(args.options).length ? `.${Object.entries(args.options).map(([k, v]) => `${k}-${v}`).join('_').replace(/[^A-Za-z0-9_.-]/g, '-')}` : '';
  for (const r of results) {
    printTable(r.suite, r.rows);
    const file = join(dir, `${r.suite}.node${tag}.json`);
    const json = {
      suite: r.suite, runtime: 'node', date: new Date().toISOString(), command: `bench --runtime node ${argv.join(' ')}`.trim(),
      options: args.options, adapter, kernelChoiceRow: profile.name, node: process.version, cpus: availableParallelism(), error: r.error ?? null, rows: r.rows,
    };
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
  closeNodeWebgpu();
  return results.some((r) => r.error) ? 1 : 0;
}
