// Fast subset of the hostile-file run, in `npm test`: every file of the project's corpus through
// the CLI's and the worker's readers in process. Each must be refused with its code in one short line
// naming the file, or accepted, within the time budget. The full run with memory measured per process is
// `npm run test:hostile` (tools/hostile/run.ts).

import { beforeAll, describe, expect, it } from 'vitest';
import { hostileCorpus, type HostileFile } from '../../src/engine/testing/hostileCorpus';
import { loadModelFile, type LoadedModelFile } from '../../src/engine/weights/index';
import { cliRead, corpusSources, verdict, workerRead } from './readers';

/** CPU time per file (user + system): wall time on a shared CI machine measures the neighbours, not the reader. */
const BUDGET_MS = 5000;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let corpus: HostileFile[] = [];
let model: LoadedModelFile;

beforeAll(async () => {
  const src = corpusSources();
  corpus = await hostileCorpus(src, { fast: true });
  model = await loadModelFile(src.webModel, 'model.safetensors');
}, 120_000);

describe('hostile corpus (fast subset)', () => {
  for (const [label, reader] of [['CLI', cliRead], ['worker', workerRead]] as const) {
    it(`every file through the ${label} readers: refused with its code or accepted, one short line, within ${BUDGET_MS} ms of CPU`, async () => {
      const failures: string[] = [];
      let worst = { name: '', ms: 0 };
      for (const f of corpus) {
        if (label === 'worker' && f.reader === 'npy') continue;
        const t0 = cpuMs();
        let error: unknown = null;
        try {
          await reader(f, model);
        } catch (e) {
          error = e;
        }
        const ms = cpuMs() - t0;
        if (ms > worst.ms) worst = { name: f.name, ms };
        const v = verdict(f, error);
        if (v) failures.push(`${f.name} (${f.klass}): ${v}`);
        if (ms > BUDGET_MS) failures.push(`${f.name}: ${ms.toFixed(0)} ms, of CPU, over the ${BUDGET_MS} ms budget`);
      }
      console.log(`hostile corpus, ${label} readers: ${corpus.length} files, slowest ${worst.name} ${worst.ms.toFixed(0)} ms of CPU`);
      expect(failures).toEqual([]);
    });
  }
});
