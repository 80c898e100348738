// Node WebGPU parity (run by nodeWebgpu.test.ts in a child process, with the Vulkan environment set before start):
// every PyTorch parity case on the 'webgpu' backend through Dawn, against PyTorch's logits and stage outputs and
// against the same model on tfjs's 'cpu' backend. Prints the adapter, then one JSON line per case.
// --kernel-row NAME runs the WebGPU side on that row of the kernel-choice table (kernelChoice.ts) and reports each
// case's dispatches on it and on SwiftShader's row (so a test sees that the row's own kernels ran).
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../src/engine/models/model';
import { cases } from '../../src/engine/models/parity/cases';
import { caseInput, caseModel, torchOutputs } from '../../src/engine/models/parity/parityCase';
import { maxRelativeError } from '../../src/engine/ops/testing/relativeError';
import { closeNodeWebgpu, useNodeWebgpu } from '../../src/engine/backend/nodeWebgpu';
import { forceKernelRow, setActiveAdapter } from '../../src/engine/backend/kernelChoice';
import { gpuCounts, gpuCountsSince, installGpuCounters } from '../../src/engine/backend/gpuCounters';

const rowFlag = process.argv.indexOf('--kernel-row');
const row = rowFlag >= 0 ? process.argv[rowFlag + 1] : null;

async function logitsAndStages(backend: 'webgpu' | 'cpu', c: (typeof cases)[number]): Promise<{ logits: Float32Array; stages: Float32Array[]; leaked: number; dispatches: number }> {
  if (backend === 'webgpu') setActiveAdapter(await useNodeWebgpu());
  else await tf.setBackend('cpu');
  const start = gpuCounts();
  const { config, weights } = caseModel(c);
  const before = tf.memory().numTensors;
  const model = buildModel(config, weights);
  const x = tf.tensor4d(caseInput(c), c.inputShape);
  const r = model.forward(x);
  const logits = (await r.logits.data()) as Float32Array;
  const stages = await Promise.all(r.stages.map((s) => s.data() as Promise<Float32Array>));
  tf.dispose([x, r.logits, ...r.stages]);
  model.dispose();
  const leaked = tf.memory().numTensors - before;
  return { logits, stages, leaked, dispatches: gpuCountsSince(start).dispatches };
}

async function main(): Promise<void> {
  if (row && !forceKernelRow(row)) throw new TypeError(`no kernel row ${row}`);
  const report = await useNodeWebgpu();
  installGpuCounters();
  console.log(JSON.stringify({ adapter: report, row: setActiveAdapter(report).name }));
  for (const c of cases) {
    const ref = torchOutputs(c.name);
    let dispatchesSwiftshaderRow: number | null = null;
    if (row) {
      forceKernelRow('swiftshader');
      dispatchesSwiftshaderRow = (await logitsAndStages('webgpu', c)).dispatches;
      forceKernelRow(row);
    }
    const gpu = await logitsAndStages('webgpu', c);
    const cpu = await logitsAndStages('cpu', c);
    console.log(JSON.stringify({
      case: c.name,
      vsTorch: maxRelativeError(gpu.logits, Float32Array.from(ref.logits)),
      stagesVsTorch: Math.max(...gpu.stages.map((s, i) => maxRelativeError(s, Float32Array.from(ref.stages[i].data)))),
      vsCpu: maxRelativeError(gpu.logits, cpu.logits),
      leaked: gpu.leaked,
      dispatches: gpu.dispatches,
      dispatchesSwiftshaderRow,
    }));
  }
  closeNodeWebgpu();
}

await main();
