// `npm run test:hostile`: the hostile-file run over the project's own corpus (src/engine/testing/hostileCorpus.ts). Every file is
// written to a temporary folder and run, each in its own process under /usr/bin/time -v, through
//   - the command line: `inspect` and `convert` (model files), `predict --backend cpu` with the bundled
//     Fashion-MNIST model (images and .npy);
//   - the browser worker's readers (tools/hostile/one.ts worker).
// Fails on a crash (exit 3 or a signal), a hang (HOSTILE_LIMIT_S, default 60 s), a reader using more than
// HOSTILE_BUDGET_MS of CPU (default 5000, startup excluded) or a process over HOSTILE_BUDGET_MB of peak memory
// (default 500), a must-refuse file accepted (or a wrong code), or a refusal longer than one short line.
// Prints every run and the worst file's time and peak memory. HOSTILE_ONLY=<substring,...> runs a subset.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_ERROR_MESSAGE } from '../../src/engine/errors';
import { hostileCorpus, type HostileFile } from '../../src/engine/testing/hostileCorpus';
import { corpusSources } from './readers';

const root = fileURLToPath(new URL('../../', import.meta.url));
const LIMIT_S = Number(process.env.HOSTILE_LIMIT_S ?? 60);
const BUDGET_MS = Number(process.env.HOSTILE_BUDGET_MS ?? 5000);
const BUDGET_MB = Number(process.env.HOSTILE_BUDGET_MB ?? 500);
const PARALLEL = Number(process.env.HOSTILE_PARALLEL ?? 2);

interface Outcome { label: string; file: HostileFile; exit: number | null; ms: number; wallMs: number; peakMb: number; err: string; errorCode?: string; problems: string[] }

function runOne(args: string[]): Promise<{ exit: number | null; stdout: string; stderr: string; wallMs: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-v', join(root, 'node_modules/.bin/tsx'), join(root, 'tools/hostile/one.ts'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_S * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exit: code, stdout, stderr, wallMs: performance.now() - t0 });
    });
  });
}

function judge(label: string, f: HostileFile, r: Awaited<ReturnType<typeof runOne>>): Outcome {
  const line = /HOSTILE-RESULT (.*)/.exec(r.stdout)?.[1];
  const res = line ? (JSON.parse(line) as { code: number; err: string; errorCode?: string; ms: number; peakMb: number }) : null;
  // /usr/bin/time's figure (the process tree it waited for) or the reader process's own, whichever is larger.
  const peakMb = Math.max(Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024, res?.peakMb ?? 0);
  const o: Outcome = { label, file: f, exit: res?.code ?? r.exit, ms: res?.ms ?? r.wallMs, wallMs: r.wallMs, peakMb, err: res?.err ?? '', errorCode: res?.errorCode, problems: [] };
  if (!res) o.problems.push(r.wallMs >= LIMIT_S * 1000 ? `hang: killed after ${LIMIT_S} s` : `crash: exit ${r.exit} without a result (${r.stderr.split('\n').find((l) => /Error|error/.test(l))?.slice(0, 120) ?? ''})`);
  else {
    if (res.code === 3 || res.code === 2) o.problems.push(`crash or internal error (exit ${res.code}): ${res.err.slice(0, 160)}`);
    if (f.expect === 'refuse' && res.code === 0) o.problems.push('accepted a file that must be refused');
    if (f.expect === 'accept' && res.code !== 0) o.problems.push(`refused a file that must be accepted: ${res.err}`);
    if (f.expect === 'refuse' && res.code === 1 && res.errorCode !== f.code) o.problems.push(`code ${res.errorCode}, expected ${f.code}`);
    const msg = res.err.replace(/^vheat \w+: /, '').replace(/ \[[a-z-]+\]$/, '');
    if (res.code === 1 && (msg.length > MAX_ERROR_MESSAGE || res.err.includes('\n'))) o.problems.push(`refusal over one line of ${MAX_ERROR_MESSAGE} characters (${msg.length})`);
    if (res.code === 1 && !msg.includes(f.name)) o.problems.push('refusal does not name the file');
  }
  if (o.ms > BUDGET_MS) o.problems.push(`${o.ms.toFixed(0)} ms of CPU in the reader, over ${BUDGET_MS} ms`);
  if (peakMb > BUDGET_MB) o.problems.push(`peak memory ${peakMb.toFixed(0)} MB, over ${BUDGET_MB} MB`);
  return o;
}

function jobs(corpus: HostileFile[], dir: string, webModel: string): { label: string; file: HostileFile; args: string[] }[] {
  const out: { label: string; file: HostileFile; args: string[] }[] = [];
  for (const f of corpus) {
    const path = join(dir, f.name);
    writeFileSync(path, f.bytes);
    if (f.reader === 'model') {
      out.push({ label: 'cli inspect', file: f, args: ['cli', 'inspect', path] });
      out.push({ label: 'cli convert', file: f, args: ['cli', 'convert', path, '-o', join(dir, `${f.name}.out.safetensors`)] });
    } else out.push({ label: 'cli predict', file: f, args: ['cli', 'predict', '--model', webModel, '--backend', 'cpu', path] });
    if (f.reader !== 'npy') out.push({ label: 'worker', file: f, args: ['worker', path, f.reader] });
  }
  return out;
}

async function main(): Promise<number> {
  const src = corpusSources();
  const only = process.env.HOSTILE_ONLY;
  const corpus = (await hostileCorpus(src)).filter((f) => !only || only.split(',').some((o) => f.name.includes(o)));
  const dir = mkdtempSync(join(tmpdir(), 'vheat-hostile-'));
  const webModel = join(dir, 'bundled-model.safetensors');
  writeFileSync(webModel, src.webModel);
  const todo = jobs(corpus, dir, webModel);
  const done: Outcome[] = [];
  const worker = async () => {
    for (let j = todo.shift(); j; j = todo.shift()) {
      const o = judge(j.label, j.file, await runOne(j.args));
      done.push(o);
      const mark = o.problems.length ? 'FAIL' : 'ok  ';
      console.log(`${mark} ${o.label.padEnd(12)} ${o.file.name.padEnd(40)} ${o.ms.toFixed(0).padStart(6)} ms ${o.peakMb.toFixed(0).padStart(5)} MB  ${o.errorCode ?? (o.exit === 0 ? 'accepted' : '')} ${o.problems.join('; ')}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  rmSync(dir, { recursive: true, force: true });
  const slowest = done.reduce((a, b) => (b.ms > a.ms ? b : a));
  const biggest = done.reduce((a, b) => (b.peakMb > a.peakMb ? b : a));
  const failed = done.filter((o) => o.problems.length > 0);
  console.log(`hostile run: ${corpus.length} files, ${done.length} runs, ${failed.length} failed`);
  console.log(`slowest reader: ${slowest.file.name} (${slowest.label}) ${slowest.ms.toFixed(0)} ms of CPU (${(slowest.wallMs / 1000).toFixed(1)} s wall for the whole process); largest peak memory: ${biggest.file.name} (${biggest.label}) ${biggest.peakMb.toFixed(0)} MB (whole process, Node and tfjs included)`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
