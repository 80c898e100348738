// The backend choice (src/engine/backend/kernelChoice.ts): for each model, the same input and weights on WebGPU and
// on the CPU path (tfjs-wasm with the engine's TypeScript kernels), alternated in rounds, and the kernel-choice
// table's pick for this adapter and model size against the measured winner. Random weights from a seed (timing
// does not depend on the values); before timing, both backends' logits must agree within 1e-3 of max |logit|.
// Options: models=bundled,vheat-t-224 (default both), runs=N per round (default 10), rounds=R (default 2),
// quick=1 (the bundled model, 3 runs, 1 round: the gpu-kit's --quick).
import * as tf from '@tensorflow/tfjs';
import type { VHeatConfig } from '../../src/engine/config';
import { describeAdapter } from '../../src/engine/backend/adapter';
import { preferredBackend, profileFor } from '../../src/engine/backend/kernelChoice';
import { modelGmacs } from '../../src/engine/backend/modelCost';
import { buildModel } from '../../src/engine/models/model';
import { randomWeights } from '../../src/engine/models/randomWeights';
import { SeededRandom } from '../../src/engine/models/seededRandom';
import type { HeatModel } from '../../src/engine/models/types';
import { maxRelativeError } from '../../src/engine/ops/testing/relativeError';
import { pooledRow } from '../../src/benchmark/measure';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';

const vheat = (dims: number[], depths: number[], numClasses: number, trainResolution: number): VHeatConfig => ({
  family: 'vheat', dims, depths, postNorm: false, layerScale: false, mlpRatio: 4, numClasses, trainResolution, inferenceMode: false,
});
/** The playground's bundled model's configuration (public/models/vheat-fashion-mnist.safetensors) and vHeat-T. */
export const BENCH_MODELS: Record<string, { config: VHeatConfig; side: number }> = {
  bundled: { config: vheat([32, 64, 128, 256], [1, 1, 3, 1], 10, 32), side: 32 },
  'vheat-t-224': { config: vheat([96, 192, 384, 768], [2, 2, 6, 2], 1000, 224), side: 224 },
};
const BACKENDS = ['webgpu', 'wasm'] as const;

async function predictOnce(model: HeatModel, x: tf.Tensor4D): Promise<Float32Array> {
  const y = model.predict(x);
  const v = (await y.data()) as Float32Array;
  y.dispose();
  return v;
}

async function compareModel(ctx: BenchContext, name: string, runs: number, rounds: number, warmup: number): Promise<BenchRow[]> {
  const { config, side } = BENCH_MODELS[name];
  const gmacs = modelGmacs(config, side, side);
  await ctx.useBackend('webgpu');
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  const profile = profileFor(adapter ? describeAdapter(adapter) : null);
  const pick = preferredBackend(profile, gmacs);
  const weights = randomWeights(config, 1);
  const input = new SeededRandom(2).normals(side * side * 3);
  const loaded: Partial<Record<(typeof BACKENDS)[number], { model: HeatModel; x: tf.Tensor4D }>> = {};
  const logits: Float32Array[] = [];
  for (const b of BACKENDS) {
    await ctx.useBackend(b);
    const model = buildModel(config, weights);
    const x = tf.tensor4d(input, [1, side, side, 3]);
    loaded[b] = { model, x };
    logits.push(await predictOnce(model, x));
  }
  const agreement = maxRelativeError(logits[0], logits[1]);
  if (!(agreement <= 1e-3)) throw new Error(`${name}: webgpu and wasm logits differ by ${agreement} of max |logit|`);
  const parts: Record<string, BenchRow[]> = { webgpu: [], wasm: [] };
  for (let r = 0; r < rounds; r++) {
    for (const b of BACKENDS) {
      await ctx.useBackend(b);
      const { model, x } = loaded[b]!;
      const params = { model: name, side, gmacs: Number(gmacs.toFixed(4)), backend: b, adapterRow: profile.name, tablePick: pick };
      parts[b].push(await ctx.measure(`${name} ${b} round ${r + 1}`, params, async () => void (await predictOnce(model, x)), { warmup, runs }));
    }
  }
  for (const b of BACKENDS) {
    await ctx.useBackend(b);
    loaded[b]!.model.dispose();
    loaded[b]!.x.dispose();
  }
  const rows = BACKENDS.map((b) => ({ ...pooledRow(parts[b]), name: `${name} ${b === 'wasm' ? 'cpu path (wasm)' : 'webgpu'}` }));
  const faster = rows[0].medianMs < rows[1].medianMs ? 'webgpu' : 'cpu';
  const ratio = Math.max(rows[0].medianMs, rows[1].medianMs) / Math.min(rows[0].medianMs, rows[1].medianMs);
  for (const row of rows) Object.assign(row.params, { measuredFaster: faster, ratio: Number(ratio.toFixed(2)), agreement });
  ctx.log(`${name} (${gmacs.toFixed(3)} GMAC): table row '${profile.name}' picks ${pick}; measured faster: ${faster} (x${ratio.toFixed(1)})${pick === faster ? '' : ' -- TABLE DISAGREES'}`);
  return rows;
}

export default async function backendChoice(ctx: BenchContext): Promise<BenchRow[]> {
  const quick = ctx.options.quick === '1';
  const models = (ctx.options.models ?? (quick ? 'bundled' : 'bundled,vheat-t-224')).split(',').filter(Boolean);
  const unknown = models.filter((m) => !BENCH_MODELS[m]);
  if (unknown.length) throw new Error(`backend-choice: unknown model(s) ${unknown.join(', ')}; known: ${Object.keys(BENCH_MODELS).join(', ')}`);
  const runs = Number(ctx.options.runs ?? (quick ? 3 : 10));
  const rounds = Number(ctx.options.rounds ?? (quick ? 1 : 2));
  const rows: BenchRow[] = [];
  for (const m of models) rows.push(...(await compareModel(ctx, m, runs, rounds, quick ? 1 : 2)));
  return rows;
}
