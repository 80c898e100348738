// Regenerates the inputs of the PyTorch parity run (tooling, not a test): for each case of cases.ts writes
// <name>.json (case, config, tensor manifest, NHWC input) and <name>.bin (float32 weights) to a folder.
// Usage: npx tsx src/engine/models/parity/exportCases.ts /tmp/parity-export
// then:  python3 src/engine/models/parity/run_official.py /tmp/parity-export <vHeat.py/HcNet.py dir> src/engine/models/parity
import { mkdirSync, writeFileSync } from 'node:fs';
import type { ModelConfig, VHeatConfig } from '../../config';
import { randomWeights } from '../randomWeights';
import { SeededRandom } from '../seededRandom';
import { toInferenceMode } from '../inferenceWeights';
import { cases } from './cases';
const outDir = process.argv[2] ?? '/tmp/parity-export';
mkdirSync(outDir, { recursive: true });
for (const c of cases) {
  let weights = randomWeights(c.config as ModelConfig, c.weightSeed);
  let config = c.config as ModelConfig;
  if (c.inferenceFromTraining) ({ config, weights } = toInferenceMode(config as VHeatConfig, weights));
  const names = [...weights.keys()];
  const buf = new Float32Array(names.reduce((a, n) => a + weights.get(n)!.data.length, 0));
  let o = 0;
  const manifest = names.map((n) => { const t = weights.get(n)!; buf.set(t.data, o); const e = { name: n, shape: t.shape, offset: o }; o += t.data.length; return e; });
  const rng = new SeededRandom(c.inputSeed);
  const input = rng.normals(c.inputShape.reduce((a, b) => a * b, 1));
  writeFileSync(`${outDir}/${c.name}.json`, JSON.stringify({ case: c, config, manifest, input: Array.from(input) }));
  writeFileSync(`${outDir}/${c.name}.bin`, Buffer.from(buf.buffer));
}
