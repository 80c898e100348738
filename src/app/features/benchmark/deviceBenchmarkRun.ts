// The benchmark itself, run inside deviceBenchmarkWorker.ts: vHeat-T with seeded random weights, batch 1, on
// each backend the page has (WebGPU with the WGSL and with the portable heat operator, tfjs-wasm), warm-up then
// timed runs per input side (src/benchmark/measure.ts, the same statistics as `npm run bench`), the memory tfjs holds
// after each. Cancelling ends the worker (deviceBenchmarkClient.ts), mid-inference if need be.
import * as tf from '@tensorflow/tfjs';
import type { VHeatConfig, WeightMap } from '../../../engine/config';
import { buildModel } from '../../../engine/models/model';
import { SeededRandom } from '../../../engine/models/seededRandom';
import type { HeatModel } from '../../../engine/models/types';
import type { HeatImpl } from '../../../engine/ops/heat/heatConduction';
import { measure } from '../../../benchmark/measure';
import type { BenchRow } from '../../../plots/resultPlots';
import type { WorkerWords } from '../../worker/protocol';
import type { BenchmarkRuntime, DeviceBenchmarkSettings } from './deviceBenchmarkProtocol';

/** vHeat-T (30.9 M parameters), the layout of the official vHeat-T. */
export const VHEAT_T_LAYOUT: VHeatConfig = {
  family: 'vheat', dims: [96, 192, 384, 768], depths: [2, 2, 6, 2], postNorm: false, layerScale: false,
  mlpRatio: 4, numClasses: 1000, trainResolution: 224, inferenceMode: false,
};

const MiB = 1024 * 1024;

export interface RunHooks {
  /** After every warm-up or timed run (its label: words the page translates). */
  onRunDone(label: WorkerWords): void;
  onRow(row: BenchRow): void;
}

/** The tfjs backend a runtime runs on and the heat operator it asks for. */
export function backendOf(runtime: BenchmarkRuntime): { backend: 'webgpu' | 'wasm'; heatImpl: HeatImpl | undefined } {
  if (runtime === 'wasm') return { backend: 'wasm', heatImpl: undefined };
  return { backend: 'webgpu', heatImpl: runtime === 'webgpu-wgsl' ? 'kernel' : 'tfjs' };
}

function memoryParams(): BenchRow['params'] {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesAllocatedInGPU?: number };
  const params: BenchRow['params'] = { tensorMiB: Number((m.numBytes / MiB).toFixed(1)) };
  if (m.numBytesInGPU !== undefined) params.gpuInUseMiB = Number((m.numBytesInGPU / MiB).toFixed(1));
  if (m.numBytesAllocatedInGPU !== undefined) params.gpuPoolMiB = Number((m.numBytesAllocatedInGPU / MiB).toFixed(1));
  return params;
}

async function measureSide(model: HeatModel, runtime: BenchmarkRuntime, side: number, settings: DeviceBenchmarkSettings, hooks: RunHooks): Promise<BenchRow> {
  const { backend, heatImpl } = backendOf(runtime);
  const input = tf.tensor4d(new SeededRandom(settings.seed + side).normals(side * side * 3, 1), [1, side, side, 3]);
  let done = 0;
  try {
    const runOnce = async (): Promise<void> => {
      const logits = model.predict(input, heatImpl ? { heatImpl } : {});
      try {
        await logits.data();
      } finally {
        logits.dispose();
      }
      done++;
      const runtimeWords = { key: `bench.runtime.${runtime}` };
      const warm = done <= settings.warmup;
      hooks.onRunDone({ key: warm ? 'bench.warmupRun' : 'bench.timedRun', values: { runtime: runtimeWords, side, n: warm ? done : done - settings.warmup } });
    };
    const params = { model: 'vHeat-T', runtime, backend, heatOp: heatImpl ?? 'auto', side, pixels: side * side, batch: 1, seed: settings.seed };
    const row = await measure(`vHeat-T ${side} ${runtime}`, params, runOnce, { warmup: settings.warmup, runs: settings.runs });
    Object.assign(row.params, memoryParams());
    return row;
  } finally {
    input.dispose();
  }
}

/**
 * Every size on the runtimes of one backend (which must be active), one model built from `weights` (vHeat-T's
 * layout) for all of them, disposed at the end. Returns the live tensor count before the model was built and after it was disposed (a leak check).
 */
export async function runBackend(
  runtimes: BenchmarkRuntime[], weights: WeightMap, settings: DeviceBenchmarkSettings, hooks: RunHooks,
): Promise<{ before: number; after: number }> {
  const before = tf.memory().numTensors;
  const model = buildModel(VHEAT_T_LAYOUT, weights);
  try {
    for (const side of settings.sizes) {
      for (const runtime of runtimes) {
        hooks.onRow(await measureSide(model, runtime, side, settings, hooks));
      }
    }
  } finally {
    model.dispose();
  }
  return { before, after: tf.memory().numTensors };
}
