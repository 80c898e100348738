// Dispatches, passes, submits and uploaded bytes of one inference through Dawn (run in a child process with the
// Vulkan environment set before start; nodeWebgpu.test.ts, BENCHMARKS.md "dispatches per model and row").
// Usage: tsx tools/dawn/dispatchCount.ts [--kernel-row NAME] [--model bundled|bundled-ls|vheat-t-224]
//            [--compare-row NAME] [--runs 1|2]
// Random weights (randomWeights.ts, seed 1), a seeded input. Prints one JSON line: the adapter, the row, the counts of
// the first inference (it also uploads the weights and computes the per-size rate maps) and of the second (steady
// state; absent with --runs 1: the fused row is slow on SwiftShader, whose barriers are coroutine switches), the
// logits' top-5, and with --compare-row the largest relative difference (maxRelativeError) from the logits of
// the same model on that row (e.g. the fused hardware-GPU row against SwiftShader's unfused one).
import * as tf from '@tensorflow/tfjs';
import { forceKernelRow, kernelRowNamed, setActiveAdapter } from '../../src/engine/backend/kernelChoice';
import { gpuCounts, gpuCountsSince, installGpuCounters, type GpuCounts } from '../../src/engine/backend/gpuCounters';
import { closeNodeWebgpu, useNodeWebgpu } from '../../src/engine/backend/nodeWebgpu';
import type { VHeatConfig } from '../../src/engine/config';
import { buildModel } from '../../src/engine/models/model';
import { randomWeights } from '../../src/engine/models/randomWeights';
import { SeededRandom } from '../../src/engine/models/seededRandom';
import { maxRelativeError } from '../../src/engine/ops/testing/relativeError';

const vheat = (dims: number[], depths: number[], numClasses: number, trainResolution: number, layerScale = false): VHeatConfig => ({
  family: 'vheat', dims, depths, postNorm: false, layerScale, mlpRatio: 4, numClasses, trainResolution, inferenceMode: false,
});
/** The bundled model's configuration, the same with layer scale (pre-norm), and vHeat-T at 224. */
const MODELS: Record<string, { config: VHeatConfig; side: number }> = {
  bundled: { config: vheat([32, 64, 128, 256], [1, 1, 3, 1], 10, 32), side: 32 },
  'bundled-ls': { config: vheat([32, 64, 128, 256], [1, 1, 3, 1], 10, 32, true), side: 32 },
  'vheat-t-224': { config: vheat([96, 192, 384, 768], [2, 2, 6, 2], 1000, 224), side: 224 },
};

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `runs` inferences on the active row: their counts and the last one's logits. */
async function inferences(modelName: string, runs: number): Promise<{ counts: GpuCounts[]; logits: Float32Array }> {
  const { config, side } = MODELS[modelName];
  const model = buildModel(config, randomWeights(config, 1));
  const x = tf.tensor4d(new SeededRandom(7).normals(side * side * 3, 0, 1), [1, side, side, 3]);
  const counts: GpuCounts[] = [];
  let logits: Float32Array = new Float32Array(0);
  for (let run = 0; run < runs; run++) {
    const before = gpuCounts();
    const y = model.predict(x);
    logits = (await y.data()) as Float32Array;
    y.dispose();
    counts.push(gpuCountsSince(before));
  }
  x.dispose();
  model.dispose();
  return { counts, logits };
}

const top5 = (logits: Float32Array) => Array.from(logits.keys()).sort((a, b) => logits[b] - logits[a]).slice(0, 5);

async function main(): Promise<void> {
  const row = flag('--kernel-row');
  const compareRow = flag('--compare-row');
  const modelName = flag('--model') ?? 'vheat-t-224';
  const runs = flag('--runs') === '1' ? 1 : 2;
  if (!MODELS[modelName]) throw new TypeError(`--model is one of ${Object.keys(MODELS).join(', ')}`);
  for (const r of [row, compareRow]) if (r && !kernelRowNamed(r)) throw new TypeError(`no kernel row ${r}`);
  const report = await useNodeWebgpu();
  installGpuCounters();
  let other: Float32Array | null = null;
  if (compareRow) {
    forceKernelRow(compareRow);
    other = (await inferences(modelName, 1)).logits;
  }
  forceKernelRow(row ?? null);
  const profile = setActiveAdapter(report);
  const mine = await inferences(modelName, runs);
  console.log(JSON.stringify({
    adapter: report.description, row: profile.name, model: modelName, first: mine.counts[0], second: mine.counts[1] ?? null, top5: top5(mine.logits),
    compareRow: compareRow ?? null,
    vsCompareRow: other ? maxRelativeError(mine.logits, other) : null,
    compareTop5: other ? top5(other) : null,
  }));
  closeNodeWebgpu();
}

await main();
