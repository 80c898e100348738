#!/usr/bin/env node
// Benchmark runner: `npm run bench -- [suite ...]` (default: every bench/suites/*.ts).
// Serves the project with Vite, opens bench/index.html in headless Chromium (WebGPU on), runs the
// suites in the page, prints a table per suite and writes bench/results/<suite>.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { chromiumArgs, findChromium } from '../tools/browser/chromium.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, '..');
// BENCH_RESULTS_DIR: where the JSON goes instead (the e2e smoke test keeps its run out of the tree).
const resultsDir = process.env.BENCH_RESULTS_DIR ? resolve(process.env.BENCH_RESULTS_DIR) : join(benchDir, 'results');
// Whole-run limit: SwiftShader is slow, but a suite that runs for over an hour is broken.
const RUN_TIMEOUT_MS = 60 * 60 * 1000;

const available = readdirSync(join(benchDir, 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`usage: npm run bench -- [--runtime browser|node] [suite ...] [key=value ...]\nsuites: ${available.join(', ')}`);
  process.exit(0);
}
// --runtime node: the suites run in Node, WebGPU through Dawn (bench/node.ts), not in a page.
const runtimeAt = args.indexOf('--runtime');
if (runtimeAt >= 0) {
  const runtime = args[runtimeAt + 1];
  args.splice(runtimeAt, 2);
  if (runtime === 'node') {
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, 'nodeMain.ts'), ...args], { stdio: 'inherit', cwd: root });
    process.exit(child.status ?? 1);
  }
  if (runtime !== 'browser') {
    console.error(`--runtime is browser or node, got '${runtime}'`);
    process.exit(2);
  }
}
// key=value arguments reach every suite as ctx.options (e.g. heat-operator sizes=7,14).
const optionArgs = args.filter((a) => a.includes('='));
const options = Object.fromEntries(optionArgs.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
const suiteArgs = args.filter((a) => !a.includes('='));
const suites = suiteArgs.length ? suiteArgs : available;
// A run with options is partial: its JSON goes next to the full one, never over it.
const resultTag = optionArgs.length ? `.${optionArgs.join('_').replace(/[^A-Za-z0-9_.=-]/g, '-').replace(/=/g, '-')}` : '';
const unknown = suites.filter((s) => !available.includes(s));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}

function fmt(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function printTable(suite, rows) {
  const header = ['name', 'median ms', 'min ms', 'max ms', 'spread', 'runs'];
  const lines = rows.map((r) => [r.name, fmt(r.medianMs), fmt(r.minMs), fmt(r.maxMs), `${(r.spread * 100).toFixed(0)}%`, String(r.runs)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n== ${suite} ==`);
  console.log(row(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(row(l));
}

// No HMR and no file watching: an edit to the tree while a run is going must not reload the page
// (a reload would restart the suites from scratch).
// The page is cross-origin isolated, as the playground is (vite.config.ts, whose headers this server inherits), so
// wasm runtimes get threads (SharedArrayBuffer) as the browser allows; isolation=off overrides both headers with
// 'unsafe-none', for single-threaded figures.
const isolated = options.isolation !== 'off';
if (!['on', 'off', undefined].includes(options.isolation)) {
  console.error(`isolation must be on or off, got '${options.isolation}'`);
  process.exit(2);
}
const server = await createServer({
  root,
  logLevel: 'warn',
  clearScreen: false,
  server: {
    port: 0,
    host: '127.0.0.1',
    hmr: false,
    watch: null,
    headers: isolated
      ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
      : { 'Cross-Origin-Opener-Policy': 'unsafe-none', 'Cross-Origin-Embedder-Policy': 'unsafe-none' },
  },
});
await server.listen();
const address = server.httpServer.address();
const query = new URLSearchParams({ ...options, suites: suites.join(',') });
const url = `http://127.0.0.1:${address.port}/bench/index.html?${query}`;
let browser;
let exitCode = 0;
// Ctrl-C / kill: close Chromium and the server too, not just this process.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`bench: ${signal}, closing`);
    Promise.allSettled([browser?.close(), server.close()]).finally(() => process.exit(130));
  });
}
try {
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs(), headless: true });
  const page = await browser.newPage();
  await page.exposeFunction('__benchReport', (line) => console.log(line));
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.error(`page ${m.type()}: ${m.text()}`);
  });
  console.log(`bench: ${url}`);
  await page.goto(url);
  await page.waitForFunction(() => window.__benchDone !== undefined, null, { timeout: RUN_TIMEOUT_MS, polling: 500 });
  const done = await page.evaluate(() => window.__benchDone);
  const a = done.adapter;
  console.log(`\nadapter: ${a ? `${a.vendor} / ${a.architecture} / ${a.description || '-'} (fallback: ${a.isFallbackAdapter})` : 'none (no WebGPU)'}`);
  mkdirSync(resultsDir, { recursive: true });
  for (const r of done.results) {
    if (r.error) {
      console.error(`suite ${r.suite} failed: ${r.error}`);
      exitCode = 1;
    }
    printTable(r.suite, r.rows);
    const file = join(resultsDir, `${r.suite}${resultTag}.json`);
    const json = {
      suite: r.suite,
      date: new Date().toISOString(),
      command: `npm run bench -- ${args.join(' ')}`.trim(),
      options,
      adapter: a,
      userAgent: done.userAgent,
      error: r.error ?? null,
      rows: r.rows,
    };
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await browser?.close();
  await server.close();
}
process.exit(exitCode);
