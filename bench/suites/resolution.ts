// Resolution scaling: vHeat-T (random weights; timing does not depend on the values) on our engine,
// WGSL heat operator, batch 1, at input sides 224, 384, 512, 768, 1024 (freq_embed zero-padded past the trained 224,
// as the official interpolate4downstream recipe does). Per side: latency (median of >= 10 runs after warm-up),
// the GPU memory tfjs holds (tf.memory(): tensor bytes, bytes in GPU buffers in use, bytes of the buffer pool,
// which keeps the freed buffers of every size seen so far: sides run in increasing order),
// one profiled run (tensor peak, the largest kernel output, the heat kernels' outputs and the temporaries they
// allocate outside the tensor registry), and at the end the least-squares exponent of time against pixel count.
// ?layout=small (on the bench page) swaps vHeat-T for a quarter-width, 1-1-3-1 vHeat: same operator sizes per
// stage, 1/20 of the work, for machines (SwiftShader) where vHeat-T at 768 does not fit a sane run time;
// ?sides=224,384 runs fewer sides; ?runs=3&warmup=1 fewer timed runs per side (default 10 after 2 warm-ups; for
// SwiftShader, where vHeat-T at 768 takes minutes per run); ?matrixAt=1024 also runs those sides with the heat
// operator forced onto the cosine-matrix passes ('wgsl-matrix'), right after the default 'wgsl' row (which takes the
// fast transform on axes at or above the measured crossover side): the two in the same run.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { stageSize, type VHeatConfig } from '../../src/engine/config';
import { buildModel } from '../../src/engine/models/model';
import { randomWeights } from '../../src/engine/models/randomWeights';
import type { HeatImpl } from '../../src/engine/ops/heat/heatConduction';
import { axisTable, fastCrossoverSide, HEAT_CONDUCTION_KERNEL, type HeatWgslStrategy } from '../../src/engine/ops/heat/heatKernel';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { freshSeed, seededNormal } from '../onnx/layout';
import { fitExponent } from '../../src/plots/fit';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';

const VHEAT_T: VHeatConfig = {
  family: 'vheat', dims: [96, 192, 384, 768], depths: [2, 2, 6, 2], postNorm: false, layerScale: false,
  mlpRatio: 4, numClasses: 1000, trainResolution: 224, inferenceMode: false,
};
const SMALL: VHeatConfig = { ...VHEAT_T, dims: [24, 48, 96, 192], depths: [1, 1, 3, 1] };
const DEFAULT_SIDES = [224, 384, 512, 768, 1024];
const MiB = 1024 * 1024;

/** Bytes the WGSL heat kernel allocates beyond its output, for phi [1,h,w,c]: per axis its table (cosine matrix or
 *  fast plan), plus three intermediate planes (see src/engine/ops/heat/heatKernel.ts). */
function heatTemporaryBytes(h: number, w: number, c: number, strategy: HeatWgslStrategy): number {
  const limits = (tf.backend() as WebGPUBackend).device.limits;
  const tableBytes = (n: number): number => 4 * axisTable(n, strategy, limits).data.length;
  return tableBytes(h) + (h === w ? 0 : tableBytes(w)) + 3 * 4 * h * w * c;
}

type Model = ReturnType<typeof buildModel>;

interface SideRun {
  layout: string;
  model: Model;
  side: number;
  impl: 'wgsl' | 'wgsl-matrix';
  seed: number;
  warmup: number;
  runs: number;
}

/** One (side, heat implementation) row: latency, then memory figures from tf.memory() and one profiled run. */
async function measureSide(ctx: BenchContext, { layout, model, side, impl, seed, warmup, runs }: SideRun): Promise<BenchRow> {
  const input = tf.tensor4d(seededNormal(side * side * 3, seed + side), [1, side, side, 3]);
  try {
    // Rows keep their labels of earlier runs ('wgsl': the engine's own choice per axis; 'wgsl-matrix': forced).
    const heatImpl: HeatImpl = impl === 'wgsl' ? 'kernel' : impl;
    const runOnce = async (): Promise<void> => {
      const logits = model.predict(input, { heatImpl });
      await logits.data();
      logits.dispose();
    };
    const row = await ctx.measure(`${layout} ${side} ${impl}`, { model: layout, side, pixels: side * side, batch: 1, impl, seed }, runOnce, { warmup, runs });
    const mem = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesAllocatedInGPU?: number };
    const profile = await tf.profile(runOnce);
    const heat = profile.kernels.filter((k) => k.name === HEAT_CONDUCTION_KERNEL);
    const outBytes = (shapes: number[][]): number => shapes.reduce((a, s) => a + 4 * s.reduce((p, q) => p * q, 1), 0);
    const largest = Math.max(...profile.kernels.map((k) => outBytes(k.outputShapes)));
    const heatOut = heat.reduce((a, k) => a + outBytes(k.outputShapes), 0);
    const strategy: HeatWgslStrategy = impl === 'wgsl-matrix' ? 'matrix' : 'auto';
    const heatTemp = heat.reduce((a, k) => {
      const [, h, w, c] = k.inputShapes[0];
      return Math.max(a, heatTemporaryBytes(h, w, c, strategy));
    }, 0);
    Object.assign(row.params, {
      stage0Side: stageSize(side, 0),
      tensorMiB: Number((mem.numBytes / MiB).toFixed(1)),
      gpuInUseMiB: Number(((mem.numBytesInGPU ?? NaN) / MiB).toFixed(1)),
      gpuPoolMiB: Number(((mem.numBytesAllocatedInGPU ?? NaN) / MiB).toFixed(1)),
      peakTensorMiB: Number((profile.peakBytes / MiB).toFixed(1)),
      largestKernelOutputMiB: Number((largest / MiB).toFixed(2)),
      heatKernels: heat.length,
      heatOutputsMiB: Number((heatOut / MiB).toFixed(2)),
      heatLargestTemporariesMiB: Number((heatTemp / MiB).toFixed(2)),
    });
    ctx.log(`${side} ${impl}: ${row.medianMs.toFixed(0)} ms; tensors ${row.params.tensorMiB} MiB, GPU in use ${row.params.gpuInUseMiB} MiB, ` +
      `pool ${row.params.gpuPoolMiB} MiB, peak ${row.params.peakTensorMiB} MiB, heat temporaries <= ${row.params.heatLargestTemporariesMiB} MiB`);
    return row;
  } finally {
    input.dispose();
  }
}

function parseSides(text: string | null | undefined, fallback: number[], what: string): number[] {
  const sides = text ? text.split(',').map(Number) : fallback;
  if (!sides.every((n) => Number.isInteger(n) && n >= 32)) throw new Error(`${what}=${text}: need integers >= 32`);
  return sides;
}

export default async function resolution(ctx: BenchContext): Promise<BenchRow[]> {
  if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend did not start');
  await tf.ready();
  const query = new URLSearchParams(location.search);
  const layout = query.get('layout') === 'small' ? 'small' : 'vHeat-T';
  const config = layout === 'small' ? SMALL : VHEAT_T;
  const SIDES = parseSides(query.get('sides'), DEFAULT_SIDES, 'sides');
  if (SIDES.length < 2) throw new Error(`sides=${query.get('sides')}: need two or more sides`);
  const matrixAt = parseSides(query.get('matrixAt'), [1024], 'matrixAt');
  const runs = Number(ctx.options.runs ?? 10);
  const warmup = Number(ctx.options.warmup ?? 2);
  if (!(Number.isInteger(runs) && runs >= 1 && Number.isInteger(warmup) && warmup >= 0)) throw new Error(`runs=${ctx.options.runs} warmup=${ctx.options.warmup}: need integers >= 1 and >= 0`);
  const seed = freshSeed();
  const crossover = fastCrossoverSide();
  ctx.log(`${layout}: random weights and inputs, seed ${seed}; ${warmup} warm-up and ${runs} timed runs per side; fast DCT from side ${crossover}`);
  const model = buildModel(config, randomWeights(config, seed));
  const rows: BenchRow[] = [];
  try {
    for (const side of SIDES) {
      const common = { layout, model, side, seed, warmup, runs };
      rows.push(await measureSide(ctx, { ...common, impl: 'wgsl' }));
      if (matrixAt.includes(side)) {
        const matrixRow = await measureSide(ctx, { ...common, impl: 'wgsl-matrix' });
        const speedup = matrixRow.medianMs / rows[rows.length - 1].medianMs;
        rows[rows.length - 1].params.speedupOverMatrix = Number(speedup.toFixed(2));
        ctx.log(`${side}: wgsl (fast DCT from side ${crossover}) x${speedup.toFixed(2)} over wgsl-matrix`);
        rows.push(matrixRow);
      }
    }
  } finally {
    model.dispose();
  }
  const timed = rows.filter((r) => r.params.impl === 'wgsl');
  const exponent = fitExponent(timed.map((r) => Number(r.params.pixels)), timed.map((r) => r.medianMs));
  for (const r of timed) r.params.fittedExponent = Number(exponent.toFixed(3));
  ctx.log(`fitted exponent of time vs pixels (wgsl, ${SIDES.join(', ')}): ${exponent.toFixed(3)} (target <= 1.25: ${exponent <= 1.25 ? 'met' : 'MISSED'})`);
  return rows;
}
