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

/** What the fast corpus holds and what each reader must do with it: a file dropped from the corpus, or a refusal
 *  turned into an acceptance, changes these counts (update them with the corpus, on purpose). */
const EXPECTED_COUNTS = {
  corpus: { files: 41, model: 27, image: 10, npy: 4, refuse: 37, accept: 4 },
  CLI: { read: 41, refused: 37, accepted: 4 },
  worker: { read: 37, refused: 33, accepted: 4 },
};
let model: LoadedModelFile;

beforeAll(async () => {
  const src = corpusSources();
  corpus = await hostileCorpus(src, { fast: true });
  model = await loadModelFile(src.webModel, 'model.safetensors');
}, 120_000);

describe('hostile corpus (fast subset)', () => {
  it('holds the files it claims, per reader and per verdict', () => {
    const count = (pick: (f: HostileFile) => boolean) => corpus.filter(pick).length;
    expect({
      files: corpus.length,
      model: count((f) => f.reader === 'model'),
      image: count((f) => f.reader === 'image'),
      npy: count((f) => f.reader === 'npy'),
      refuse: count((f) => f.expect === 'refuse'),
      accept: count((f) => f.expect === 'accept'),
    }).toEqual(EXPECTED_COUNTS.corpus);
  });

  for (const [label, reader] of [['CLI', cliRead], ['worker', workerRead]] as const) {
    it(`every file through the ${label} readers: refused with its code or accepted, one short line, within ${BUDGET_MS} ms of CPU`, async () => {
      const failures: string[] = [];
      let worst = { name: '', ms: 0 };
      const counts = { read: 0, refused: 0, accepted: 0 };
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
        counts.read++;
        counts[error === null ? 'accepted' : 'refused']++;
        if (ms > worst.ms) worst = { name: f.name, ms };
        const v = verdict(f, error);
        if (v) failures.push(`${f.name} (${f.klass}): ${v}`);
        if (ms > BUDGET_MS) failures.push(`${f.name}: ${ms.toFixed(0)} ms, of CPU, over the ${BUDGET_MS} ms budget`);
      }
      console.log(`hostile corpus, ${label} readers: ${corpus.length} files, slowest ${worst.name} ${worst.ms.toFixed(0)} ms of CPU`);
      expect(failures).toEqual([]);
      expect(counts).toEqual(EXPECTED_COUNTS[label]);
    });
  }
});
