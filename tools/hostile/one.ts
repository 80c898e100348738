// One hostile file through one reader, in a process of its own (spawned by run.ts under /usr/bin/time -v):
//   tsx tools/hostile/one.ts cli <vheat args...>      the command line's main() (inspect, convert, predict)
//   tsx tools/hostile/one.ts worker <file> <reader>   the worker's readers (readers.ts workerRead)
// Prints one JSON line: exit code, CPU milliseconds inside the reader (startup excluded; CPU, not wall time, so
// that a loaded machine's neighbours are not counted), the refusal line.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { main } from '../../src/cli/main';
import { isInputError } from '../../src/engine/errors';
import type { Reader } from '../../src/engine/testing/hostileCorpus';
import { loadModelFile } from '../../src/engine/weights/index';
import { corpusSources, workerRead } from './readers';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function run(): Promise<{ code: number; err: string; errorCode?: string; ms: number }> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'cli') {
    let err = '';
    const t0 = cpuMs();
    const code = await main(rest, () => {}, (s) => (err += s));
    return { code, err: err.trim(), errorCode: /\[([a-z-]+)\]$/.exec(err.trim())?.[1], ms: cpuMs() - t0 };
  }
  const [path, reader] = rest;
  const model = await loadModelFile(corpusSources().webModel, 'model.safetensors');
  const bytes = new Uint8Array(readFileSync(path));
  const t0 = cpuMs();
  try {
    await workerRead({ name: basename(path), reader: reader as Reader, klass: '', expect: 'accept', bytes }, model);
    return { code: 0, err: '', ms: cpuMs() - t0 };
  } catch (e) {
    const ms = cpuMs() - t0;
    if (isInputError(e)) return { code: 1, err: e.message, errorCode: e.code, ms };
    return { code: 3, err: `internal error: ${e instanceof Error ? e.name : 'non-error'}`, ms };
  }
}

const result = await run();
// Peak resident memory of this process (the one that ran the reader), in MB.
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`\nHOSTILE-RESULT ${JSON.stringify({ ...result, peakMb })}\n`);
process.exitCode = 0;
