// The CPU path's inference time under the page's tfjs-wasm thread policy (?tfjsThreads=half|all|all-but-one,
// src/engine/backend/cpuThreads.ts; default the engine's): one row per model, the worker's settings ('wasm', heat
// operator 'auto'), each run one predict on a seeded input with the logits read back. Run once per policy (the pool
// is made once per page) and compare the medians, with the load average recorded beside them.
// Models: the bundled Fashion-MNIST vHeat (public/models) and, when bench/models/vheat-t-224.pth exists
// (bench/onnx/export_pair.py), vHeat-T 224. ?models=bundled or ?models=vheat-t picks one; ?runs=N (default 20);
// ?profile=1 also logs one predict's time per tfjs kernel (tf.profile: wall clock per kernel on wasm), costliest first.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { buildModel } from '../../src/engine/models/model';
import { loadModelFile } from '../../src/engine/weights';
import { freshSeed, seededNormal } from '../onnx/layout';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';
import { kernelTimesByName } from '../kernelProfile';

const MODELS = [
  { key: 'bundled', url: '/models/vheat-fashion-mnist.safetensors', file: 'vheat-fashion-mnist.safetensors' },
  { key: 'vheat-t', url: '/bench/models/vheat-t-224.pth', file: 'vheat-t-224.pth' },
];

async function fetchBytes(url: string): Promise<Uint8Array | null> {
  const res = await fetch(url);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // Vite answers a missing file with index.html.
  return res.ok && bytes[0] !== 0x3c ? bytes : null;
}

export default async function cpuThreads(ctx: BenchContext): Promise<BenchRow[]> {
  await ctx.useBackend('wasm');
  const threads = getThreadsCount();
  const policy = ctx.options.tfjsThreads ?? 'engine default';
  const runs = ctx.options.runs === undefined ? 20 : Number(ctx.options.runs);
  const wanted = ctx.options.models?.split(',');
  const seed = freshSeed();
  ctx.log(`tfjs-wasm threads: ${threads} (policy ${policy}), cross-origin isolated: ${globalThis.crossOriginIsolated}, cores: ${navigator.hardwareConcurrency}, input seed ${seed}`);
  const rows: BenchRow[] = [];
  for (const m of MODELS.filter((x) => !wanted || wanted.includes(x.key))) {
    const bytes = await fetchBytes(m.url);
    if (!bytes) {
      ctx.log(`${m.url}: missing, skipped`);
      continue;
    }
    const loaded = await loadModelFile(bytes, m.file);
    const model = buildModel(loaded.config, loaded.weights);
    const side = loaded.preprocessing.inputSize;
    const input = tf.tensor4d(seededNormal(side * side * 3, seed), [1, side, side, 3]);
    try {
      rows.push(await ctx.measure(`${m.key} ${side}x${side} wasm, ${threads} threads`, { model: m.key, side, threads, policy, backend: 'wasm', heatOp: 'auto' }, async () => {
        const logits = tf.tidy(() => model.predict(input, { heatImpl: 'auto' }));
        await logits.data();
        logits.dispose();
      }, { warmup: 3, runs }));
      if (ctx.options.profile === '1') ctx.log(`${m.key} time per kernel: ${await kernelProfile(() => model.predict(input, { heatImpl: 'auto' }))}`);
    } finally {
      input.dispose();
      model.dispose();
    }
  }
  return rows;
}

/** One predict under tf.profile: milliseconds per kernel name (summed), costliest first, with their share. */
async function kernelProfile(run: () => tf.Tensor): Promise<string> {
  const sorted = await kernelTimesByName(async () => {
    const y = run();
    await y.data();
    y.dispose();
  });
  const total = sorted.reduce((sum, k) => sum + k.ms, 0);
  return sorted.slice(0, 14).map((k) => `${k.name} ${k.ms.toFixed(1)} ms x${k.calls} (${((100 * k.ms) / total).toFixed(0)} %)`).join('; ') + `; total ${total.toFixed(1)} ms`;
}
