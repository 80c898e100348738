// Model load: time from a model file to the first result on our engine (WebGPU, WGSL operator).
//   convert  a PyTorch checkpoint dropped on the page: bytes in memory -> loadModelFile (.pth parse, shape checks)
//            -> toWebFormat (what the app keeps) -> saved to IndexedDB (the app's cache, src/app/worker/modelCache)
//            -> buildModel (weights to the GPU) -> precompile -> predict -> logits read back
//   cached   the web-format bytes read back from IndexedDB -> loadModelFile -> buildModel -> precompile -> predict
//            -> read back (precompile: the forward pass's pipelines created in parallel, as the app does)
// Models: the 120 MB vHeat-T checkpoint (bench/models/vheat-t-224.pth from bench/onnx/export_pair.py) and the
// bundled Fashion-MNIST vHeat (public/models/vheat-fashion-mnist.safetensors; its cached path is the one the
// app takes). The first run in the page (pipelines compiled, buffers allocated) is reported as `coldMs`;
// then >= 10 runs after one more warm-up. ?models=bundled or ?models=vheat-t picks one; ?precompile=off leaves out
// the parallel pipeline compilation the app does.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { deleteConverted, loadConverted, saveConverted } from '../../src/app/worker/modelCache';
import { buildModel } from '../../src/engine/models/model';
import { loadModelFile, toWebFormat } from '../../src/engine/weights';
import { freshSeed, seededNormal } from '../onnx/layout';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';

interface LoadPlan {
  key: string;
  label: string;
  url: string;
  file: string;
  /** A PyTorch checkpoint is converted in the page; a web-format file is already what the cache holds. */
  convert: boolean;
}

const PLANS: LoadPlan[] = [
  { key: 'bundled', label: 'bundled vHeat Fashion-MNIST', url: '/models/vheat-fashion-mnist.safetensors', file: 'vheat-fashion-mnist.safetensors', convert: false },
  { key: 'vheat-t', label: 'vHeat-T 224 (120 MB .pth)', url: '/bench/models/vheat-t-224.pth', file: 'vheat-t-224.pth', convert: true },
];

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // Vite answers a missing file with index.html.
  if (!res.ok || bytes[0] === 0x3c) throw new Error(`${url}: missing (HTTP ${res.status}); see BENCHMARKS.md for how to make it`);
  return bytes;
}

/** Web-format bytes -> model on the GPU -> first logits read back; returns the time of each step. */
async function firstResult(bytes: Uint8Array, file: string, seed: number): Promise<{ parseMs: number; buildMs: number; predictMs: number }> {
  const t0 = performance.now();
  const loaded = await loadModelFile(bytes, file);
  const t1 = performance.now();
  const model = buildModel(loaded.config, loaded.weights);
  const t2 = performance.now();
  const side = loaded.preprocessing.inputSize;
  try {
    // As the app does after building a model: every pipeline of the forward pass compiled in parallel first
    // (?precompile=off skips it, to measure what it saves in a fresh page).
    if (new URLSearchParams(location.search).get('precompile') !== 'off') await model.precompile([1, side, side, 3], { heatImpl: 'kernel' });
    const logits = tf.tidy(() => model.predict(tf.tensor4d(seededNormal(side * side * 3, seed), [1, side, side, 3]), { heatImpl: 'kernel' }));
    const values = await logits.data();
    logits.dispose();
    if (!values.every(Number.isFinite)) throw new Error(`${file}: non-finite logits`);
  } finally {
    model.dispose();
  }
  return { parseMs: t1 - t0, buildMs: t2 - t1, predictMs: performance.now() - t2 };
}

export default async function modelLoad(ctx: BenchContext): Promise<BenchRow[]> {
  if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend did not start');
  await tf.ready();
  const wanted = new URLSearchParams(location.search).get('models');
  const plans = wanted ? PLANS.filter((p) => wanted.split(',').includes(p.key)) : PLANS;
  const seed = freshSeed();
  ctx.log(`input seed ${seed}`);
  const rows: BenchRow[] = [];
  for (const plan of plans) {
    const original = await fetchBytes(plan.url);
    const cacheId = `bench-${plan.key}`;
    const webFile = plan.file.replace(/\.pth$/, '.safetensors');
    const steps: Record<string, number> = {};
    const paths: { name: string; run: () => Promise<void> }[] = [];
    // Filled by each run (one path at a time).
    if (plan.convert) {
      paths.push({
        name: 'convert',
        run: async () => {
          const t0 = performance.now();
          const loaded = await loadModelFile(original, plan.file);
          const t1 = performance.now();
          const web = toWebFormat(loaded);
          await saveConverted(cacheId, plan.label, web);
          const t2 = performance.now();
          const r = await firstResult(web, webFile, seed);
          Object.assign(steps, { pthParseMs: t1 - t0, toWebAndSaveMs: t2 - t1, ...r });
        },
      });
    } else {
      await saveConverted(cacheId, plan.label, original);
    }
    paths.push({
      name: 'cached',
      run: async () => {
        const t0 = performance.now();
        const row = await loadConverted(cacheId);
        if (!row) throw new Error(`${cacheId}: not in IndexedDB`);
        const t1 = performance.now();
        const r = await firstResult(row.data, webFile, seed);
        Object.assign(steps, { cacheReadMs: t1 - t0, ...r });
      },
    });
    try {
      for (const path of paths) {
        const t0 = performance.now();
        await path.run();
        const coldMs = performance.now() - t0;
        const coldSteps = Object.entries(steps).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ');
        ctx.log(`${plan.key} ${path.name}, first in the page: ${coldMs.toFixed(0)} ms (${coldSteps})`);
        const row = await ctx.measure(`${plan.key} ${path.name}`, { model: plan.label, path: path.name, fileMB: Number((original.length / 1e6).toFixed(1)), coldMs: Math.round(coldMs) }, path.run, { warmup: 1, runs: 10 });
        // Step times of the last timed run, and of the first run in the page.
        for (const [k, v] of Object.entries(steps)) row.params[k] = Math.round(v);
        row.params.coldSteps = coldSteps;
        if (plan.key === 'bundled' && path.name === 'cached') {
          row.params.targetUnder1s = row.medianMs < 1000;
          ctx.log(`bundled cached: median ${row.medianMs.toFixed(0)} ms, cold ${coldMs.toFixed(0)} ms (target < 1000 ms: ${row.medianMs < 1000 ? 'met' : 'MISSED'})`);
        }
        rows.push(row);
      }
    } finally {
      await deleteConverted(cacheId);
    }
  }
  return rows;
}
