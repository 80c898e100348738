// The crossovers of the kernel-choice table (src/engine/backend/kernelChoice.ts), on the WebGPU backend: at
// vHeat-T 224's shapes, each op's implementations on the same input in one run, the table's pick for this adapter
// against the measured winner. A real GPU's row is filled in from this suite's JSON.
//   dense: the WGSL register-tile program vs tfjs's fused matMul (shared-memory tiles), M x K -> N;
//   norm: the one-dispatch WGSL channel LayerNorm vs tfjs ops (moments + elementwise), [1,H,W,C];
//   heat: the operator's matrix passes vs its fast DCT, both axes one way, [1,N,N,C] (heat=1 only; the
//         heat-operator suite sweeps the sides in more detail).
// Options: quick=1 (one shape per op, 3 runs), runs=N (default 10), heat=1.
import * as tf from '@tensorflow/tfjs';
import { describeAdapter } from '../../src/engine/backend/adapter';
import { denseImplFor, heatTransformFor, normImplFor, profileFor, type KernelProfile } from '../../src/engine/backend/kernelChoice';
import { dense } from '../../src/engine/ops/dense/dense';
import { runHeatKernel } from '../../src/engine/ops/heat/heatKernel';
import { channelLayerNorm } from '../../src/engine/ops/norm/channelLayerNorm';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';

/** vHeat-T 224 per stage: side, channels. */
const STAGES = [[56, 96], [28, 192], [14, 384], [7, 768]] as const;

type Variant = { impl: string; run: () => tf.Tensor };

async function race(ctx: BenchContext, op: string, shape: string, pick: string, variants: Variant[], runs: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const v of variants) {
    rows.push(await ctx.measure(`${op} ${shape} ${v.impl}`, { op, shape, impl: v.impl, tablePick: pick }, async () => {
      const y = v.run();
      await y.data();
      y.dispose();
    }, { warmup: 2, runs }));
  }
  const best = rows.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  for (const r of rows) r.params.measuredFaster = best.params.impl;
  ctx.log(`${op} ${shape}: table picks ${pick}, measured faster ${best.params.impl}${pick === best.params.impl ? '' : ' -- TABLE DISAGREES'}`);
  return rows;
}

async function denseRows(ctx: BenchContext, profile: KernelProfile, stages: readonly (readonly [number, number])[], runs: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [side, c] of stages) {
    const m = side * side;
    const [x, w, b] = tf.tidy(() => [tf.randomNormal([m, c], 0, 1, 'float32', 1), tf.randomNormal([c, 4 * c], 0, 0.1, 'float32', 2), tf.zeros([4 * c])]);
    // Row labels of the recorded runs: 'wgsl' is the kernel.
    const pick = denseImplFor(profile, m, c, 4 * c) === 'kernel' ? 'wgsl' : 'tfjs';
    rows.push(...(await race(ctx, 'dense', `${m}x${c}->${4 * c}`, pick, (['wgsl', 'tfjs'] as const).map((impl) => ({
      impl, run: () => dense(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D, 'linear', impl === 'wgsl' ? 'kernel' : 'tfjs'),
    })), runs)));
    tf.dispose([x, w, b]);
  }
  return rows;
}

async function normRows(ctx: BenchContext, profile: KernelProfile, stages: readonly (readonly [number, number])[], runs: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [side, c] of stages) {
    const [x, w, b] = tf.tidy(() => [tf.randomNormal([1, side, side, c], 0, 1, 'float32', 3), tf.ones([c]), tf.zeros([c])]);
    // Row labels of the recorded runs: 'fused' is the kernel, 'composite' the tfjs ops.
    const pick = normImplFor(profile, side * side * c) === 'kernel' ? 'fused' : 'composite';
    rows.push(...(await race(ctx, 'norm', `1x${side}x${side}x${c}`, pick, (['fused', 'composite'] as const).map((impl) => ({
      impl, run: () => channelLayerNorm(x as tf.Tensor4D, w as tf.Tensor1D, b as tf.Tensor1D, 1e-6, impl === 'fused' ? 'kernel' : 'tfjs'),
    })), runs)));
    tf.dispose([x, w, b]);
  }
  return rows;
}

async function heatRows(ctx: BenchContext, profile: KernelProfile, runs: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [side, c] of STAGES) {
    const shape = [1, side, side, c];
    const [phi, rate] = tf.tidy(() => [tf.randomUniform(shape, -1, 1, 'float32', 4), tf.randomUniform([side, side, c], 0, 3, 'float32', 5)]);
    const pick = heatTransformFor(profile, side);
    rows.push(...(await race(ctx, 'heat', `1x${side}x${side}x${c}`, pick, (['matrix', 'fast'] as const).map((impl) => ({
      impl, run: () => runHeatKernel(phi as tf.Tensor4D, rate as tf.Tensor3D, 0.5, impl),
    })), runs)));
    tf.dispose([phi, rate]);
  }
  return rows;
}

export default async function kernelChoice(ctx: BenchContext): Promise<BenchRow[]> {
  await ctx.useBackend('webgpu');
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  const profile = profileFor(adapter ? describeAdapter(adapter) : null);
  const quick = ctx.options.quick === '1';
  const runs = Number(ctx.options.runs ?? (quick ? 3 : 10));
  // quick: one small shape (the gpu-kit's --quick checks the harness in seconds, it measures nothing).
  const stages = quick ? ([[7, 96]] as const) : STAGES;
  ctx.log(`kernel-choice row '${profile.name}' (${profile.source})`);
  const before = tf.memory().numTensors;
  const rows = [...(await denseRows(ctx, profile, stages, runs)), ...(await normRows(ctx, profile, stages, runs))];
  if (ctx.options.heat === '1') rows.push(...(await heatRows(ctx, profile, runs)));
  if (tf.memory().numTensors !== before) throw new Error(`kernel-choice leaked ${tf.memory().numTensors - before} tensors`);
  return rows;
}
