// Heat operator on WebGPU: the WGSL matrix passes (folded cosine matrices, O(N^3) per plane), the WGSL fast transform
// (Makhoul + mixed-radix FFT, O(N^2 log N) per plane) and, at vHeat-T's 224 stage sizes, the portable tfjs path
// (matMul by cosine matrices); B = 1, all in one run. Each run includes one read-back (await data()).
// 'fast' is the FFT in each invocation's private array (heatFastDctProgram.ts), 'fast-workgroup' the FFT in
// workgroup memory (heatFftWorkgroupProgram.ts; Bluestein for a side with a prime factor above 7, e.g. 667) with the
// adapter's row's workgroup width, 'fast-workgroup-gpu-row' the same with the hardware-GPU row forced (its width).
// Options: sizes=7,112 restricts the run to those N; variants=fast,fast-workgroup to those variants; runs=K
// overrides the timed runs of every row.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { heatConduction } from '../../src/engine/ops/heat/heatConduction';
import { runHeatKernel } from '../../src/engine/ops/heat/heatKernel';
import { forceKernelRow, forcedKernelRow } from '../../src/engine/backend/kernelChoice';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';

type Variant = 'matrix' | 'fast' | 'fast-workgroup' | 'fast-workgroup-gpu-row' | 'portable';

interface Size {
  n: number;
  c: number;
  runs: number;
  variants: Variant[];
}

// vHeat-T at 224: stage sides 56, 28, 14, 7 with C = 96, 192, 384, 768 (with the portable path, as in runs 1-2).
// 14 ... 1024 with C = 3 (an RGB image: the full-resolution view) and C = 96 (vHeat-T's stage-0 width), for the
// crossover side of each.
// The C = 96 rows at 64 ... 224 come first (they set the crossover); 64 ... 96 and 160, 192 (7-smooth sides, vHeat's
// stage sides at 256 - 768 inputs among them) pin it between the sides of vHeat-T at 224. On SwiftShader under load,
// the matrix passes at N = 1024, C = 3 take minutes a run (2 timed runs), at 512 and 1024 with C = 96 (26 and 206 G
// multiply-adds) far longer: the fast transform alone at 512, C = 96 (1 run) and nothing at 1024, C = 96.
const SIZES: Size[] = [
  { n: 64, c: 96, runs: 10, variants: ['matrix', 'fast'] },
  { n: 80, c: 96, runs: 10, variants: ['matrix', 'fast'] },
  { n: 96, c: 96, runs: 5, variants: ['matrix', 'fast'] },
  { n: 112, c: 96, runs: 5, variants: ['matrix', 'fast'] },
  { n: 160, c: 96, runs: 5, variants: ['matrix', 'fast'] },
  { n: 192, c: 96, runs: 3, variants: ['matrix', 'fast'] },
  { n: 224, c: 96, runs: 3, variants: ['matrix', 'fast'] },
  { n: 7, c: 768, runs: 10, variants: ['matrix', 'fast', 'portable'] },
  { n: 14, c: 384, runs: 10, variants: ['matrix', 'fast', 'portable'] },
  { n: 28, c: 192, runs: 10, variants: ['matrix', 'fast', 'portable'] },
  { n: 56, c: 96, runs: 10, variants: ['matrix', 'fast', 'portable'] },
  { n: 14, c: 96, runs: 10, variants: ['matrix', 'fast'] },
  { n: 28, c: 96, runs: 10, variants: ['matrix', 'fast'] },
  { n: 14, c: 3, runs: 10, variants: ['matrix', 'fast'] },
  { n: 28, c: 3, runs: 10, variants: ['matrix', 'fast'] },
  { n: 56, c: 3, runs: 10, variants: ['matrix', 'fast'] },
  { n: 64, c: 3, runs: 10, variants: ['matrix', 'fast'] },
  { n: 80, c: 3, runs: 10, variants: ['matrix', 'fast'] },
  { n: 96, c: 3, runs: 10, variants: ['matrix', 'fast'] },
  { n: 112, c: 3, runs: 10, variants: ['matrix', 'fast'] },
  { n: 160, c: 3, runs: 10, variants: ['matrix', 'fast'] },
  { n: 192, c: 3, runs: 5, variants: ['matrix', 'fast'] },
  { n: 224, c: 3, runs: 5, variants: ['matrix', 'fast', 'fast-workgroup', 'fast-workgroup-gpu-row'] },
  { n: 512, c: 3, runs: 3, variants: ['matrix', 'fast', 'fast-workgroup', 'fast-workgroup-gpu-row'] },
  { n: 1024, c: 3, runs: 2, variants: ['matrix', 'fast', 'fast-workgroup', 'fast-workgroup-gpu-row'] },
  { n: 512, c: 96, runs: 1, variants: ['fast'] },
  // Sides with a prime factor above 7 (131, 257, 401, 509 prime; 667 = 23 x 29, a photo's side): no private-array
  // program; the workgroup one goes through Bluestein (M = 384, 768, 1024, 1024, 1536), against the matrix passes.
  { n: 131, c: 3, runs: 5, variants: ['matrix', 'fast-workgroup'] },
  { n: 257, c: 3, runs: 3, variants: ['matrix', 'fast-workgroup'] },
  { n: 401, c: 3, runs: 3, variants: ['matrix', 'fast-workgroup'] },
  { n: 509, c: 3, runs: 3, variants: ['matrix', 'fast-workgroup'] },
  { n: 667, c: 3, runs: 2, variants: ['matrix', 'fast-workgroup', 'fast-workgroup-gpu-row'] },
];

function runVariant(variant: Variant, phi: tf.Tensor4D, rate: tf.Tensor3D): tf.Tensor4D {
  if (variant === 'portable') return heatConduction(phi, rate, 0.5, 'tfjs');
  if (variant !== 'fast-workgroup-gpu-row') return runHeatKernel(phi, rate, 0.5, variant);
  const before = forcedKernelRow()?.name ?? null;
  forceKernelRow('unmeasured-gpu');
  try {
    return runHeatKernel(phi, rate, 0.5, 'fast-workgroup');
  } finally {
    forceKernelRow(before);
  }
}

/** Smallest N (per C, in increasing N) from which the fast transform's median beats the matrix passes' for good. */
function crossovers(rows: BenchRow[]): Map<number, number | null> {
  const byC = new Map<number, { n: number; fastWins: boolean }[]>();
  for (const r of rows) {
    if (r.params.impl !== 'fast' || r.params.speedupOverMatrix === undefined) continue;
    const c = Number(r.params.c);
    byC.set(c, [...(byC.get(c) ?? []), { n: Number(r.params.n), fastWins: Number(r.params.speedupOverMatrix) > 1 }]);
  }
  const out = new Map<number, number | null>();
  for (const [c, list] of byC) {
    list.sort((a, b) => a.n - b.n);
    let from: number | null = null;
    for (const { n, fastWins } of list) from = fastWins ? (from ?? n) : null;
    out.set(c, from);
  }
  return out;
}

async function measureSize(ctx: BenchContext, { n, c, runs, variants: all }: Size): Promise<BenchRow[]> {
  const only = ctx.options.variants?.split(',');
  const variants = only ? all.filter((v) => only.includes(v)) : all;
  // Fixed inputs (the timing does not depend on the values): phi ~ U(-1,1), rate ~ U(0,3).
  const phi = tf.randomUniform([1, n, n, c], -1, 1, 'float32', 1) as tf.Tensor4D;
  const rate = tf.randomUniform([n, n, c], 0, 3, 'float32', 2) as tf.Tensor3D;
  const rows: BenchRow[] = [];
  const median: Partial<Record<Variant, number>> = {};
  const timedRuns = ctx.options.runs ? Number(ctx.options.runs) : runs;
  try {
    for (const impl of variants) {
      const row = await ctx.measure(`${impl} N=${n} C=${c}`, { impl, n, c, b: 1 }, async () => {
        const out = runVariant(impl, phi, rate);
        await out.data();
        out.dispose();
      }, { warmup: 1, runs: timedRuns });
      median[impl] = row.medianMs;
      rows.push(row);
    }
  } finally {
    tf.dispose([phi, rate]);
  }
  for (const row of rows) {
    const impl = row.params.impl as Variant;
    if (impl !== 'portable' && median.portable) row.params.speedupOverPortable = Number((median.portable / row.medianMs).toFixed(2));
    if (impl.startsWith('fast') && median.matrix) {
      row.params.speedupOverMatrix = Number((median.matrix / row.medianMs).toFixed(2));
      ctx.log(`N=${n} C=${c}: ${impl} ${row.medianMs.toFixed(1)} ms vs matrix ${median.matrix.toFixed(1)} ms: x${row.params.speedupOverMatrix}`);
    }
    if (impl.startsWith('fast-workgroup') && median.fast) {
      row.params.speedupOverFast = Number((median.fast / row.medianMs).toFixed(2));
      ctx.log(`N=${n} C=${c}: ${impl} ${row.medianMs.toFixed(1)} ms vs fast ${median.fast.toFixed(1)} ms: x${row.params.speedupOverFast}`);
    }
    if (impl === 'fast-workgroup-gpu-row' && median['fast-workgroup']) {
      row.params.speedupOverRowWidth = Number((median['fast-workgroup'] / row.medianMs).toFixed(2));
      ctx.log(`N=${n} C=${c}: the GPU row's width ${row.medianMs.toFixed(1)} ms vs this row's ${median['fast-workgroup'].toFixed(1)} ms: x${row.params.speedupOverRowWidth}`);
    }
  }
  return rows;
}

export default async function heatOperator(ctx: BenchContext): Promise<BenchRow[]> {
  if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend did not start');
  await tf.ready();
  const only = ctx.options.sizes?.split(',').map(Number);
  const sizes = only ? SIZES.filter((sz) => only.includes(sz.n)) : SIZES;
  if (only && !only.every((n) => SIZES.some((sz) => sz.n === n))) throw new Error(`sizes=${ctx.options.sizes}: N must be among ${[...new Set(SIZES.map((sz) => sz.n))].join(', ')}`);
  const rows: BenchRow[] = [];
  for (const size of sizes) rows.push(...(await measureSize(ctx, size)));
  for (const [c, n] of crossovers(rows)) {
    ctx.log(`crossover C=${c}: the fast transform wins from N = ${n ?? '(never, among the sizes run)'}`);
    for (const r of rows) if (Number(r.params.c) === c) r.params.crossoverSide = n ?? 'none';
  }
  return rows;
}
