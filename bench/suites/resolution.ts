// Issue 6, resolution scaling: vHeat-T (random weights; timing does not depend on the values) on our engine,
// WGSL heat operator, batch 1, at input sides 224, 384, 512, 768 (freq_embed zero-padded past the trained 224,
// as the official interpolate4downstream recipe does). Per side: latency (median of >= 10 runs after warm-up),
// the GPU memory tfjs holds (tf.memory(): tensor bytes, bytes in GPU buffers in use, bytes of the buffer pool,
// which keeps the freed buffers of every size seen so far: sides run in increasing order),
// one profiled run (tensor peak, the largest kernel output, the heat kernels' outputs and the temporaries they
// allocate outside the tensor registry), and at the end the least-squares exponent of time against pixel count.
// ?layout=small (on the bench page) swaps vHeat-T for a quarter-width, 1-1-3-1 vHeat: same operator sizes per
// stage, 1/20 of the work, for machines (SwiftShader) where vHeat-T at 768 does not fit a sane run time;
// ?sides=224,384 runs fewer sides; ?runs=3&warmup=1 fewer timed runs per side (default 10 after 2 warm-ups; for
// SwiftShader, where vHeat-T at 768 takes minutes per run).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { stageSize, type VHeatConfig } from '../../src/engine/config';
import { buildModel } from '../../src/engine/models/model';
import { randomWeights } from '../../src/engine/models/randomWeights';
import { chooseStrategy, HEAT_CONDUCTION_KERNEL } from '../../src/engine/ops/heat/heatKernel';
import { freshSeed, seededNormal } from '../onnx/layout';
import { fitExponent } from '../../src/plots/fit';
import type { BenchContext, BenchRow } from '../types';

const VHEAT_T: VHeatConfig = {
  family: 'vheat', dims: [96, 192, 384, 768], depths: [2, 2, 6, 2], postNorm: false, layerScale: false,
  mlpRatio: 4, numClasses: 1000, trainResolution: 224, inferenceMode: false,
};
const SMALL: VHeatConfig = { ...VHEAT_T, dims: [24, 48, 96, 192], depths: [1, 1, 3, 1] };
const DEFAULT_SIDES = [224, 384, 512, 768];
const MiB = 1024 * 1024;

/** Bytes the WGSL heat kernel allocates beyond its output, for phi [1,h,w,c]: the cosine table, plus three
 *  intermediate planes when the separable program runs (see src/engine/ops/heat/heatKernel.ts). */
function heatTemporaryBytes(h: number, w: number, c: number): number {
  const table = 4 * (h * h + w * w);
  return chooseStrategy([1, h, w, c]) === 'separable' ? table + 3 * 4 * h * w * c : table;
}

export default async function resolution(ctx: BenchContext): Promise<BenchRow[]> {
  if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend did not start');
  await tf.ready();
  const layout = new URLSearchParams(location.search).get('layout') === 'small' ? 'small' : 'vHeat-T';
  const config = layout === 'small' ? SMALL : VHEAT_T;
  const sidesOption = new URLSearchParams(location.search).get('sides');
  const SIDES = sidesOption ? sidesOption.split(',').map(Number) : DEFAULT_SIDES;
  if (SIDES.length < 2 || !SIDES.every((n) => Number.isInteger(n) && n >= 32)) throw new Error(`sides=${sidesOption}: need two or more integers >= 32`);
  const runs = Number(ctx.options.runs ?? 10);
  const warmup = Number(ctx.options.warmup ?? 2);
  if (!(Number.isInteger(runs) && runs >= 1 && Number.isInteger(warmup) && warmup >= 0)) throw new Error(`runs=${ctx.options.runs} warmup=${ctx.options.warmup}: need integers >= 1 and >= 0`);
  const seed = freshSeed();
  ctx.log(`${layout}: random weights and inputs, seed ${seed}; ${warmup} warm-up and ${runs} timed runs per side`);
  const model = buildModel(config, randomWeights(config, seed));
  const rows: BenchRow[] = [];
  try {
    for (const side of SIDES) {
      const input = tf.tensor4d(seededNormal(side * side * 3, seed + side), [1, side, side, 3]);
      try {
        const runOnce = async (): Promise<void> => {
          const logits = model.predict(input, { heatImpl: 'wgsl' });
          await logits.data();
          logits.dispose();
        };
        const row = await ctx.measure(`${layout} ${side} wgsl`, { model: layout, side, pixels: side * side, batch: 1, impl: 'wgsl', seed }, runOnce, { warmup, runs });
        const mem = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesAllocatedInGPU?: number };
        const profile = await tf.profile(runOnce);
        const heat = profile.kernels.filter((k) => k.name === HEAT_CONDUCTION_KERNEL);
        const outBytes = (shapes: number[][]): number => shapes.reduce((a, s) => a + 4 * s.reduce((p, q) => p * q, 1), 0);
        const largest = Math.max(...profile.kernels.map((k) => outBytes(k.outputShapes)));
        const heatOut = heat.reduce((a, k) => a + outBytes(k.outputShapes), 0);
        const heatTemp = heat.reduce((a, k) => {
          const [, h, w, c] = k.inputShapes[0];
          return Math.max(a, heatTemporaryBytes(h, w, c));
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
        ctx.log(`${side}: ${row.medianMs.toFixed(0)} ms; tensors ${row.params.tensorMiB} MiB, GPU in use ${row.params.gpuInUseMiB} MiB, ` +
          `pool ${row.params.gpuPoolMiB} MiB, peak ${row.params.peakTensorMiB} MiB, heat temporaries <= ${row.params.heatLargestTemporariesMiB} MiB`);
        rows.push(row);
      } finally {
        input.dispose();
      }
    }
  } finally {
    model.dispose();
  }
  const exponent = fitExponent(rows.map((r) => Number(r.params.pixels)), rows.map((r) => r.medianMs));
  for (const r of rows) r.params.fittedExponent = Number(exponent.toFixed(3));
  ctx.log(`fitted exponent of time vs pixels (${SIDES.join(', ')}): ${exponent.toFixed(3)} (target <= 1.25: ${exponent <= 1.25 ? 'met' : 'MISSED'})`);
  return rows;
}
