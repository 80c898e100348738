// Heat operator: WGSL kernels vs the portable tfjs path (matMul by cosine matrices) on WebGPU,
// at vHeat-T's stage sizes and channel counts (B=1). Each run includes one read-back (await data()).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { heatConduction } from '../../src/engine/ops/heat/heatConduction';
import { fusedFits } from '../../src/engine/ops/heat/heatFusedProgram';
import { runHeatKernel } from '../../src/engine/ops/heat/heatKernel';
import type { BenchContext, BenchRow } from '../types';

// vHeat-T at 224: stage sides 56, 28, 14, 7 with C = 96, 192, 384, 768; 112 (C=96) is a 448 input.
// Portable runs take seconds each on SwiftShader: 10 timed runs, 1 warm-up (the minimum reported).
const SIZES: { n: number; c: number; runs: number }[] = [
  { n: 7, c: 768, runs: 10 },
  { n: 14, c: 384, runs: 10 },
  { n: 28, c: 192, runs: 10 },
  { n: 56, c: 96, runs: 10 },
  { n: 112, c: 96, runs: 10 },
];

type Variant = 'wgsl' | 'portable' | 'wgsl-fused';

function runVariant(variant: Variant, phi: tf.Tensor4D, rate: tf.Tensor3D): tf.Tensor4D {
  if (variant === 'wgsl-fused') return runHeatKernel(phi, rate, 0.5, 'fused');
  return heatConduction(phi, rate, 0.5, variant);
}

export default async function heatOperator(ctx: BenchContext): Promise<BenchRow[]> {
  if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend did not start');
  await tf.ready();
  // Option sizes=7,14 restricts the run to those N (a quick check; the full run is what BENCHMARKS.md reports).
  const only = ctx.options.sizes?.split(',').map(Number);
  const sizes = only ? SIZES.filter((sz) => only.includes(sz.n)) : SIZES;
  if (only && sizes.length !== only.length) throw new Error(`sizes=${ctx.options.sizes}: N must be among ${SIZES.map((sz) => sz.n).join(', ')}`);
  const rows: BenchRow[] = [];
  for (const { n, c, runs } of sizes) {
    // Fixed inputs (the timing does not depend on the values): phi ~ U(-1,1), rate ~ U(0,3).
    const phi = tf.randomUniform([1, n, n, c], -1, 1, 'float32', 1) as tf.Tensor4D;
    const rate = tf.randomUniform([n, n, c], 0, 3, 'float32', 2) as tf.Tensor3D;
    const byImpl: Record<string, number> = {};
    // 'wgsl' is what heatConduction uses on WebGPU (separable passes); the fused program where it fits.
    const variants: Variant[] = fusedFits(phi.shape) ? ['wgsl', 'wgsl-fused', 'portable'] : ['wgsl', 'portable'];
    const wgslRows: BenchRow[] = [];
    for (const impl of variants) {
      const row = await ctx.measure(`${impl} N=${n} C=${c}`, { impl, n, c, b: 1 }, async () => {
        const out = runVariant(impl, phi, rate);
        await out.data();
        out.dispose();
      }, { warmup: 1, runs });
      byImpl[impl] = row.medianMs;
      rows.push(row);
      if (impl !== 'portable') wgslRows.push(row);
    }
    for (const row of wgslRows) {
      const speedup = byImpl.portable / row.medianMs;
      row.params.speedupVsPortable = Number(speedup.toFixed(2));
      ctx.log(`${row.name}: speed-up over portable x${speedup.toFixed(2)}`);
    }
    tf.dispose([phi, rate]);
  }
  return rows;
}
