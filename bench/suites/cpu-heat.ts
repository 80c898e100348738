// The heat operator on the CPU fallback (tfjs 'wasm' backend): the TypeScript kernel (heatCpuKernel.ts, one pass,
// scalar float64 loops) against the portable tfjs ops (XNNPACK matMuls by the cosine matrices, ~24 kernels), over a
// ladder of map sizes. Where they cross sets HEAT_CPU_KERNEL_MAX_WORK, the bound 'auto' uses. B = 1; each run reads
// the result back (dataSync). The two variants alternate in rounds so drift on a busy machine hits both alike.
import * as tf from '@tensorflow/tfjs';
import { heatConduction } from '../../src/engine/ops/heat/heatConduction';
import { preferHeatCpuKernel } from '../../src/engine/ops/heat/heatCpuKernel';
import { pooledRow } from '../../src/benchmark/measure';
import { useTfBackend } from '../onnx/runtimes';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';

// [side, channels]: the bundled model's stages (8x8x32 ... 1x1x256), around the crossing, and vHeat-T's 14 and 28.
const SIZES: [number, number][] = [
  [1, 256],
  [2, 128],
  [4, 64],
  [8, 32],
  [8, 64],
  [12, 48],
  [16, 32],
  [16, 64],
  [14, 384],
  [28, 192],
];
const ROUNDS = 3;
const RUNS_PER_ROUND = 11;

type Impl = 'typescript' | 'portable';

export default async function cpuHeat(ctx: BenchContext): Promise<BenchRow[]> {
  await useTfBackend('wasm');
  const rows: BenchRow[] = [];
  // Option only=64x3,128x3 runs just those [side]x[channels] (a partial run: its own JSON).
  const only = ctx.options.only?.split(',');
  const sizes = only ? SIZES.filter(([n, c]) => only.includes(`${n}x${c}`)) : SIZES;
  if (only && sizes.length !== only.length) throw new Error(`only=${ctx.options.only}: each must be one of ${SIZES.map(([n, c]) => `${n}x${c}`).join(', ')}`);
  for (const [n, c] of sizes) {
    const work = 2 * n * n * c * 2 * n;
    const phi = tf.randomUniform([1, n, n, c], -1, 1, 'float32', 1) as tf.Tensor4D;
    const rate = tf.randomUniform([n, n, c], 0, 3, 'float32', 2) as tf.Tensor3D;
    const parts: Record<Impl, BenchRow[]> = { typescript: [], portable: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const impl of ['typescript', 'portable'] as const) {
        parts[impl].push(
          await ctx.measure(`${impl} ${n}x${n}x${c}`, {}, async () => {
            // Row labels of earlier runs: 'typescript' is the heat kernel on wasm ('kernel'), 'portable' the tfjs ops.
            const out = heatConduction(phi, rate, 0.5, impl === 'typescript' ? 'kernel' : 'tfjs');
            out.dataSync();
            out.dispose();
          }, { warmup: 3, runs: RUNS_PER_ROUND }),
        );
      }
    }
    const params = (impl: Impl): BenchRow['params'] => ({ impl, n, c, b: 1, work, backend: 'wasm', autoPicksTypescript: preferHeatCpuKernel([1, n, n, c]) });
    const ts = { ...pooledRow(parts.typescript), name: `typescript ${n}x${n}x${c}`, params: params('typescript') };
    const portable = { ...pooledRow(parts.portable), name: `portable ${n}x${n}x${c}`, params: params('portable') };
    ts.params.speedupVsPortable = Number((portable.medianMs / ts.medianMs).toFixed(2));
    ctx.log(`${n}x${n}x${c} (work ${work}): typescript ${ts.medianMs.toFixed(3)} ms, portable ${portable.medianMs.toFixed(3)} ms, x${ts.params.speedupVsPortable}; auto picks ${preferHeatCpuKernel([1, n, n, c]) ? 'typescript' : 'portable'}`);
    rows.push(ts, portable);
    tf.dispose([phi, rate]);
  }
  return rows;
}
