// The heat operator on the CPU fallback (tfjs 'wasm' backend), three ways over a ladder of map sizes:
//  - 'typescript': the TypeScript kernel on the cosine matrices (heatConductionRows, scalar float64 loops, O(N^3));
//  - 'fast': the TypeScript kernel on the fast DCT (cpuFastDct.ts: mixed radix, Bluestein for other sides);
//  - 'portable': the tfjs ops (XNNPACK matMuls by the cosine matrices, ~24 kernels), what 'auto' ran before the fast
//    DCT for every map above HEAT_CPU_KERNEL_MAX_WORK: "today's matrix products".
// Where they cross sets HEAT_CPU_KERNEL_MAX_WORK, CPU_FAST_DCT_FROM_SIDE and CPU_FAST_DCT_BLUESTEIN_FROM_SIDE. B = 1; each run reads the result back
// (dataSync). The variants alternate in rounds so drift on a busy machine hits all alike.
// Option only=28x192,1024x768x3 runs just those maps ([side]x[channels] for squares, [H]x[W]x[C] otherwise);
// rounds=N alternates the variants N times per map instead of 3 (more samples where the machine is loaded).
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { heatConduction } from '../../src/engine/ops/heat/heatConduction';
import { cpuHeatChoice } from '../../src/engine/ops/heat/heatCpuKernel';
import { cpuPoolThreads, useCpuPool } from '../../src/engine/ops/cpuPool/cpuPool';
import { runHeatKernel } from '../../src/engine/ops/heat/heatKernel';
import { pooledRow } from '../../src/benchmark/measure';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';

// 'fast' runs on the CPU pool's threads (ops/cpuPool, as in the app); 'fast-1t' on the page's thread alone.
type Impl = 'typescript' | 'fast' | 'fast-1t' | 'portable';
const ALL: Impl[] = ['typescript', 'fast', 'portable'];
const NO_MATRIX_KERNEL: Impl[] = ['fast', 'fast-1t', 'portable'];

interface Size {
  h: number;
  w: number;
  c: number;
  impls: Impl[];
  /** Timed runs per round (3 rounds unless rounds=N). */
  runs: number;
}

const square = (n: number, c: number, impls = ALL, runs = 11): Size => ({ h: n, w: n, c, impls, runs });

// The bundled model's stages (8x8x32 ... 1x1x256), around the crossings, vHeat-T's four stages at 224, and images
// (3 planes) for the full-resolution view: smooth sides, Bluestein sides (263 and 1009 prime, 667 = 23 x 29) and 1024x768.
// The scalar matrix kernel is left out above 56x56 (over a second per run at 224x224x3, ~50 s at 1024).
const SIZES: Size[] = [
  square(1, 256), square(2, 128), square(4, 64), square(8, 32), square(8, 64), square(12, 48), square(16, 32),
  square(16, 64), square(7, 768), square(14, 384), square(28, 192), square(56, 96, ALL, 5),
  square(32, 3), square(64, 3), square(128, 3, NO_MATRIX_KERNEL), square(224, 3, NO_MATRIX_KERNEL), square(263, 3, NO_MATRIX_KERNEL),
  square(512, 3, NO_MATRIX_KERNEL, 5), square(667, 3, NO_MATRIX_KERNEL, 3), square(1009, 3, NO_MATRIX_KERNEL, 3),
  square(1024, 3, NO_MATRIX_KERNEL, 3), { h: 768, w: 1024, c: 3, impls: NO_MATRIX_KERNEL, runs: 3 },
];
const DEFAULT_ROUNDS = 3;

function label({ h, w, c }: Size): string {
  return h === w ? `${h}x${c}` : `${h}x${w}x${c}`;
}

function runImpl(impl: Impl, phi: tf.Tensor4D, rate: tf.Tensor3D): tf.Tensor4D {
  if (impl === 'portable') return heatConduction(phi, rate, 0.5, 'tfjs');
  useCpuPool(impl !== 'fast-1t');
  try {
    return runHeatKernel(phi, rate, 0.5, impl === 'typescript' ? 'matrix' : 'fast');
  } finally {
    useCpuPool(true);
  }
}

async function measureSize(ctx: BenchContext, size: Size, rounds: number): Promise<BenchRow[]> {
  const { h, w, c, impls, runs } = size;
  const work = 2 * h * w * c * (h + w);
  const phi = tf.randomUniform([1, h, w, c], -1, 1, 'float32', 1) as tf.Tensor4D;
  const rate = tf.randomUniform([h, w, c], 0, 3, 'float32', 2) as tf.Tensor3D;
  const parts = new Map<Impl, BenchRow[]>(impls.map((i) => [i, []]));
  const map = `${h}x${w}x${c}`;
  for (let round = 0; round < rounds; round++) {
    for (const impl of impls) {
      parts.get(impl)!.push(
        await ctx.measure(`${impl} ${map}`, {}, async () => {
          const out = runImpl(impl, phi, rate);
          out.dataSync();
          out.dispose();
        }, { warmup: runs >= 5 ? 3 : 1, runs }),
      );
    }
  }
  tf.dispose([phi, rate]);
  const auto = cpuHeatChoice([1, h, w, c]);
  const rows = impls.map((impl) => ({ ...pooledRow(parts.get(impl)!), name: `${impl} ${map}`, params: { impl, h, w, c, b: 1, work, backend: 'wasm', autoPicks: auto } as BenchRow['params'] }));
  const portable = rows.find((r) => r.params.impl === 'portable')!;
  for (const r of rows) r.params.speedupVsPortable = Number((portable.medianMs / r.medianMs).toFixed(2));
  ctx.log(`${map} (work ${work}): ${rows.map((r) => `${r.params.impl} ${r.medianMs.toFixed(3)} ms (x${r.params.speedupVsPortable})`).join(', ')}; auto picks ${auto}`);
  return rows;
}

export default async function cpuHeat(ctx: BenchContext): Promise<BenchRow[]> {
  await ctx.useBackend('wasm');
  ctx.log(`fast heat step on ${cpuPoolThreads()} thread(s) ('fast'); tfjs-wasm threads ${getThreadsCount()}`);
  const only = ctx.options.only?.split(',');
  const sizes = only ? SIZES.filter((s) => only.includes(label(s))) : SIZES;
  if (only && sizes.length !== only.length) throw new Error(`only=${ctx.options.only}: each must be one of ${SIZES.map(label).join(', ')}`);
  const rounds = ctx.options.rounds ? Number(ctx.options.rounds) : DEFAULT_ROUNDS;
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new Error(`rounds=${ctx.options.rounds}: a whole number >= 1`);
  const rows: BenchRow[] = [];
  for (const size of sizes) rows.push(...(await measureSize(ctx, size, rounds)));
  return rows;
}
