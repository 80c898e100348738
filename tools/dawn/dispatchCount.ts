// Dispatches, passes, submits and uploaded bytes of one inference through Dawn (run in a child process with the
// Vulkan environment set before start; dispatchCount.test.ts, BENCHMARKS.md "dispatches per model and row").
// Usage: tsx tools/dawn/dispatchCount.ts [--kernel-row NAME] [--model bundled|vheat-t-224]
// Prints one JSON line: the adapter, the row, and the counts of the first inference (includes uploads of the
// weights and the per-size rate maps) and of the second (steady state), plus max |logit| difference between them.
import * as tf from '@tensorflow/tfjs';
import { forceKernelRow, setActiveAdapter } from '../../src/engine/backend/kernelChoice';
import { gpuCounts, gpuCountsSince, installGpuCounters } from '../../src/engine/backend/gpuCounters';
import { closeNodeWebgpu, useNodeWebgpu } from '../../src/engine/backend/nodeWebgpu';
import type { VHeatConfig } from '../../src/engine/config';
import { buildModel } from '../../src/engine/models/model';
import { randomWeights } from '../../src/engine/models/randomWeights';
import { SeededRandom } from '../../src/engine/models/seededRandom';

const vheat = (dims: number[], depths: number[], numClasses: number, trainResolution: number): VHeatConfig => ({
  family: 'vheat', dims, depths, postNorm: false, layerScale: false, mlpRatio: 4, numClasses, trainResolution, inferenceMode: false,
});
const MODELS: Record<string, { config: VHeatConfig; side: number }> = {
  bundled: { config: vheat([32, 64, 128, 256], [1, 1, 3, 1], 10, 32), side: 32 },
  'vheat-t-224': { config: vheat([96, 192, 384, 768], [2, 2, 6, 2], 1000, 224), side: 224 },
};

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const row = flag('--kernel-row');
  const modelName = flag('--model') ?? 'vheat-t-224';
  if (row && !forceKernelRow(row)) throw new TypeError(`unknown kernel row ${row}`);
  const report = await useNodeWebgpu();
  const profile = setActiveAdapter(report);
  installGpuCounters();
  const { config, side } = MODELS[modelName];
  const model = buildModel(config, randomWeights(config, 1));
  const x = tf.tensor4d(new SeededRandom(7).normals(side * side * 3, 0, 1), [1, side, side, 3]);
  const counts = [];
  const logits: Float32Array[] = [];
  for (let run = 0; run < 2; run++) {
    const before = gpuCounts();
    const y = model.predict(x);
    logits.push((await y.data()) as Float32Array);
    y.dispose();
    counts.push(gpuCountsSince(before));
  }
  let diff = 0;
  for (let i = 0; i < logits[0].length; i++) diff = Math.max(diff, Math.abs(logits[0][i] - logits[1][i]));
  console.log(JSON.stringify({ adapter: report.description, row: profile.name, model: modelName, first: counts[0], second: counts[1], logits: Array.from(logits[1]), runsDiffer: diff }));
  x.dispose();
  model.dispose();
  closeNodeWebgpu();
}

await main();
