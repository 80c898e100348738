import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { erfContribution } from '../analysis/effectiveReceptiveField';
import type { ModelConfig } from '../config';
import { buildModel } from '../models/model';
import { randomWeights } from '../models/randomWeights';
import { maxRelativeError } from '../ops/testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../ops/testing/testRandom';
import { useNodeBackend } from '../ops/testing/nodeBackends';
import { ensureWasmBorrowedKernels, WASM_BORROWED_KERNELS } from './wasmBorrowedKernels';

// The borrowed kernels are tfjs's own 'cpu' kernels on copies: on the same float32 inputs they give the 'cpu'
// backend's numbers exactly (0 difference). Model-level gradients mix them with wasm's other kernels (XNNPACK
// matMuls, a different summation order): ~1e-6 of max; 1e-4 as the PyTorch parity tests allow, while a wrong or
// missing gradient term is > 1e-2.
const MODEL_TOL = 1e-4;

const seed = testSeed();
const rand = seededRandom(seed);

/** Runs f on the given backend and returns its outputs' data. */
async function on(backend: 'cpu' | 'wasm', f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await useNodeBackend(backend);
  const outs = f();
  const data = await Promise.all(outs.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose(outs);
  return data;
}

describe("conv gradients tfjs-wasm lacks, borrowed from tfjs's cpu kernels", () => {
  // First in this file (its own process), before anything registers the borrowed kernels.
  it('tfjs-wasm really lacks them (else this module is dead code to delete)', async () => {
    await useNodeBackend('wasm');
    expect(WASM_BORROWED_KERNELS.filter((k) => tf.getKernel(k, 'wasm'))).toEqual([]);
    ensureWasmBorrowedKernels();
    expect(WASM_BORROWED_KERNELS.filter((k) => !tf.getKernel(k, 'wasm'))).toEqual([]);
  });

  it('depthwise and stride-2 conv gradients on wasm equal those on cpu exactly', async () => {
    ensureWasmBorrowedKernels();
    const x = uniformArray(rand, 2 * 7 * 6 * 5, -1, 1);
    const dw = uniformArray(rand, 3 * 3 * 5, -1, 1);
    const w = uniformArray(rand, 3 * 3 * 5 * 4, -1, 1);
    const b = uniformArray(rand, 4, -1, 1);
    const grads = () =>
      tf.tidy(() => {
        const f = (xt: tf.Tensor, dwt: tf.Tensor, wt: tf.Tensor) => {
          const d = tf.fused.depthwiseConv2d({ x: xt as tf.Tensor4D, filter: dwt as tf.Tensor4D, strides: 1, pad: 1, bias: tf.zeros([5]) });
          return tf.sum(tf.square(tf.fused.conv2d({ x: d, filter: wt as tf.Tensor4D, strides: 2, pad: 1, bias: tf.tensor1d(b) })));
        };
        return tf.grads(f)([tf.tensor4d(x, [2, 7, 6, 5]), tf.tensor4d(dw, [3, 3, 5, 1]), tf.tensor4d(w, [3, 3, 5, 4])]);
      });
    const onCpu = await on('cpu', grads);
    const onWasm = await on('wasm', grads);
    onWasm.forEach((g, i) => expect(maxRelativeError(g, onCpu[i]), ['dx', 'd depthwise filter', 'd conv filter'][i]).toBeLessThan(1e-6));
  });

  for (const config of [
    { family: 'vheat', dims: [8, 16, 24, 32], depths: [1, 1, 1, 1], postNorm: false, layerScale: false, mlpRatio: 2, numClasses: 10, trainResolution: 32, inferenceMode: false },
    { family: 'hcnet', dims: [8, 16, 24, 32], depths: [1, 1, 1, 1], mlpRatio: 2, numClasses: 10, trainResolution: 32 },
  ] as ModelConfig[]) {
    it(`${config.family}: the effective receptive field on wasm equals the one on cpu, at every stage`, async () => {
      const input = uniformArray(rand, 32 * 32 * 3, -2, 2);
      const erf = (stage: number) => () => {
        const model = buildModel(config, randomWeights(config, 5));
        const x = tf.tensor4d(input, [1, 32, 32, 3]);
        const g = erfContribution(model, x, stage, { row: 0, col: 0 });
        x.dispose();
        model.dispose();
        return [g];
      };
      for (const stage of [0, 1, 2, 3]) {
        const [onCpu] = await on('cpu', erf(stage));
        const [onWasm] = await on('wasm', erf(stage));
        expect(Math.max(...onWasm), `stage ${stage}`).toBeGreaterThan(0);
        expect(maxRelativeError(onWasm, onCpu), `stage ${stage}`).toBeLessThan(MODEL_TOL);
      }
    });
  }
});
