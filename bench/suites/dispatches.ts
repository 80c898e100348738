// Dispatches per inference and time per inference, for every row of the kernel-choice table forced on the adapter
// that runs (kernelChoice.ts), for the bundled model's configuration and vHeat-T 224 (random weights): the figures a
// real GPU's first gpu-kit run needs to fill in a measured row. Counts come from gpuCounters.ts (steady state: the
// second inference on), times from ctx.measure. WebGPU only (Node through Dawn, or the page).
// Per-kernel GPU time: one more inference under tf.profile, whose WebGPU backend puts each program in its own compute
// pass with timestamp writes when the device has 'timestamp-query' (tfjs-backend-webgpu's time()); the kernels' times
// are summed by tfjs kernel name (gpuKernelMs, and the costliest in kernelMs), or 'unavailable' without timestamps.
// Profiling splits passes, so those times are per kernel, not the inference's wall time (that is the row's median).
// Options: models=bundled,vheat-t-224 (default both), rows=a,b (default every row), runs=N (default 10); quick=1 (the
// gpu-kit's --quick): the bundled model, 3 runs.
import * as tf from '@tensorflow/tfjs';
import { forceKernelRow, KERNEL_ROW_NAMES } from '../../src/engine/backend/kernelChoice';
import { gpuCounts, gpuCountsSince, installGpuCounters } from '../../src/engine/backend/gpuCounters';
import { buildModel } from '../../src/engine/models/model';
import { randomWeights } from '../../src/engine/models/randomWeights';
import { SeededRandom } from '../../src/engine/models/seededRandom';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';
import { kernelTimesByName } from '../kernelProfile';
import { BENCH_MODELS } from './backend-choice';

export default async function dispatches(ctx: BenchContext): Promise<BenchRow[]> {
  await ctx.useBackend('webgpu');
  installGpuCounters();
  const quick = ctx.options.quick === '1';
  const models = (ctx.options.models ?? (quick ? 'bundled' : 'bundled,vheat-t-224')).split(',').filter(Boolean);
  const rows = (ctx.options.rows ?? KERNEL_ROW_NAMES.join(',')).split(',').filter(Boolean);
  const runs = Number(ctx.options.runs ?? (quick ? 3 : 10));
  const out: BenchRow[] = [];
  try {
    for (const name of models) {
      const { config, side } = BENCH_MODELS[name];
      const weights = randomWeights(config, 1);
      const x = tf.tensor4d(new SeededRandom(7).normals(side * side * 3), [1, side, side, 3]);
      for (const row of rows) {
        forceKernelRow(row);
        const model = buildModel(config, weights);
        const once = async () => {
          const y = model.predict(x);
          await y.data();
          y.dispose();
        };
        await once();
        const before = gpuCounts();
        await once();
        const c = gpuCountsSince(before);
        ctx.log(`${name} ${row}: ${c.dispatches} dispatches, ${c.passes} passes, ${c.submits} submits, ${c.bytesUploaded} bytes`);
        const kernels = await kernelTimes(once);
        ctx.log(`${name} ${row}: GPU time per kernel (${kernels.timestamps}): ${kernels.kernelMs}`);
        out.push(await ctx.measure(`${name} row=${row}`, { model: name, row, ...c, ...kernels }, once, { warmup: 1, runs }));
        model.dispose();
      }
      x.dispose();
    }
  } finally {
    forceKernelRow(null);
  }
  return out;
}

/** Kernels listed by name in kernelMs, costliest first. */
const LISTED_KERNELS = 12;

/** GPU time per tfjs kernel of one inference (timestamp queries), summed by name. */
async function kernelTimes(once: () => Promise<void>): Promise<{ timestamps: string; gpuKernelMs: number; kernelMs: string }> {
  const sorted = await kernelTimesByName(once);
  if (!sorted.some((k) => k.ms > 0)) return { timestamps: 'unavailable', gpuKernelMs: 0, kernelMs: '' };
  const total = sorted.reduce((sum, k) => sum + k.ms, 0);
  const listed = sorted.slice(0, LISTED_KERNELS).map((k) => `${k.name} ${k.ms.toFixed(3)} ms x${k.calls}`);
  return { timestamps: 'timestamp-query', gpuKernelMs: Number(total.toFixed(3)), kernelMs: listed.join('; ') };
}
