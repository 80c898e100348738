// Whole-model inference: vHeat-T (dims 96..768, depths 2,2,6,2, pre-norm) at 224x224, batch 1, random
// weights (timing does not depend on the values), heat operator as WGSL kernels vs the portable tfjs path.
// Each run is one predict() plus the logits read-back; the rate maps are cached after the warm-up.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { VHeatConfig } from '../../src/engine/config';
import { buildModel } from '../../src/engine/models/model';
import { randomWeights } from '../../src/engine/models/randomWeights';
import type { HeatImpl } from '../../src/engine/ops/heat/heatConduction';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';

const VHEAT_T: VHeatConfig = {
  family: 'vheat',
  dims: [96, 192, 384, 768],
  depths: [2, 2, 6, 2],
  postNorm: false,
  layerScale: false,
  mlpRatio: 4,
  numClasses: 1000,
  trainResolution: 224,
  inferenceMode: false,
};

export default async function modelSuite(ctx: BenchContext): Promise<BenchRow[]> {
  if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend did not start');
  await tf.ready();
  const model = buildModel(VHEAT_T, randomWeights(VHEAT_T, 1));
  const input = tf.randomNormal([1, 224, 224, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
  const rows: BenchRow[] = [];
  try {
    const before = tf.memory().numTensors;
    // Row labels of earlier runs: 'wgsl' is the heat kernel ('kernel'), 'portable' the tfjs ops ('tfjs').
    for (const [impl, heatImpl] of [['wgsl', 'kernel'], ['portable', 'tfjs']] as const satisfies readonly (readonly [string, HeatImpl])[]) {
      const row = await ctx.measure(`vHeat-T 224 B=1 ${impl}`, { model: 'vHeat-T', side: 224, batch: 1, impl, params: model.numParameters() }, async () => {
        const logits = model.predict(input, { heatImpl });
        await logits.data();
        logits.dispose();
      }, { warmup: 2, runs: 10 });
      ctx.log(`${row.name}: median ${row.medianMs.toFixed(1)} ms (${(1000 / row.medianMs).toFixed(1)} img/s)`);
      rows.push(row);
    }
    // predict() must not leak: only the per-size rate-map cache (one tensor per block) may have been added.
    const added = tf.memory().numTensors - before;
    const blocks = VHEAT_T.depths.reduce((a, b) => a + b, 0);
    if (added > blocks) throw new Error(`predict leaked: ${added} tensors added, at most ${blocks} rate maps expected`);
    const speedup = rows[1].medianMs / rows[0].medianMs;
    rows[0].params.speedupVsPortable = Number(speedup.toFixed(2));
    ctx.log(`WGSL operator speed-up over portable, whole model: x${speedup.toFixed(2)}`);
  } finally {
    input.dispose();
    model.dispose();
  }
  return rows;
}
