// Dispatches, passes, submits and uploaded bytes of one inference through Dawn (run in a child process with the
// Vulkan environment set before start; nodeWebgpu.test.ts, BENCHMARKS.md "dispatches per model and row").
// Usage: tsx tools/dawn/dispatchCount.ts [--kernel-row NAME] [--model bundled|bundled-ls|bundled-post|hcnet-bundled|vheat-t-224]
//            [--compare-row NAME] [--runs 1|2] [--anchor fixtures/parity/vheat-t-224-anchor.json]
// Random weights (randomWeights.ts, seed 1), a seeded standard-normal input (tools/anchor/seededModels.ts). Prints
// one JSON line: the adapter, the row, the counts of the first inference (it also uploads the weights and computes
// the per-size rate maps) and of the second (steady state; absent with --runs 1: the fused row is slow on
// SwiftShader, whose barriers are coroutine switches), the logits' top-5, with --compare-row the largest relative
// difference (maxRelativeError) from the logits of the same model on that row (e.g. the fused hardware-GPU row
// against SwiftShader's unfused one) and that row's counts of its one inference (compareFirst), and with --anchor the largest relative difference from PyTorch's logits on the
// same weights and input (vsAnchor; tools/anchor, tools/python/make_anchor.py), PyTorch's top-5 (anchorTop5) and the
// compared row's own difference from PyTorch (compareRowVsAnchor).
import * as tf from '@tensorflow/tfjs';
import { forceKernelRow, kernelRowNamed, setActiveAdapter } from '../../src/engine/backend/kernelChoice';
import { gpuCounts, gpuCountsSince, installGpuCounters, type GpuCounts } from '../../src/engine/backend/gpuCounters';
import { closeNodeWebgpu, useNodeWebgpu } from '../../src/engine/backend/nodeWebgpu';
import { buildModel } from '../../src/engine/models/model';
import { maxRelativeError } from '../../src/engine/ops/testing/relativeError';
import { compareWithAnchor, readAnchor, top5 } from '../anchor/anchor';
import { SEEDED_MODELS as MODELS, seededInput, seededWeights } from '../anchor/seededModels';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `runs` inferences on the active row: their counts and the last one's logits. */
async function inferences(modelName: string, runs: number): Promise<{ counts: GpuCounts[]; logits: Float32Array }> {
  const { config, side } = MODELS[modelName];
  const model = buildModel(config, seededWeights(config));
  const x = tf.tensor4d(seededInput(side), [1, side, side, 3]);
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

async function main(): Promise<void> {
  const row = flag('--kernel-row');
  const compareRow = flag('--compare-row');
  const modelName = flag('--model') ?? 'vheat-t-224';
  const runs = flag('--runs') === '1' ? 1 : 2;
  const anchorFile = flag('--anchor');
  const anchor = anchorFile ? readAnchor(anchorFile) : null;
  if (anchor && anchor.model !== modelName) throw new TypeError(`${anchorFile} anchors ${anchor.model}, not --model ${modelName}`);
  if (!MODELS[modelName]) throw new TypeError(`--model is one of ${Object.keys(MODELS).join(', ')}`);
  for (const r of [row, compareRow]) if (r && !kernelRowNamed(r)) throw new TypeError(`no kernel row ${r}`);
  const report = await useNodeWebgpu();
  installGpuCounters();
  let other: Float32Array | null = null;
  let compareFirst: GpuCounts | null = null;
  if (compareRow) {
    forceKernelRow(compareRow);
    const theirs = await inferences(modelName, 1);
    other = theirs.logits;
    compareFirst = theirs.counts[0];
  }
  forceKernelRow(row ?? null);
  const profile = setActiveAdapter(report);
  const mine = await inferences(modelName, runs);
  console.log(JSON.stringify({
    adapter: report.description, row: profile.name, model: modelName, first: mine.counts[0], second: mine.counts[1] ?? null, top5: top5(mine.logits),
    compareRow: compareRow ?? null,
    vsCompareRow: other ? maxRelativeError(mine.logits, other) : null,
    compareTop5: other ? top5(other) : null,
    compareFirst,
    anchor: anchorFile ?? null,
    ...(anchor ? compareWithAnchor(mine.logits, anchor) : { vsAnchor: null, anchorTop5: null }),
    compareRowVsAnchor: anchor && other ? compareWithAnchor(other, anchor).vsAnchor : null,
  }));
  closeNodeWebgpu();
}

await main();
