// The point response ("blur filter") of the bundled vHeat model at every block of every stage, on the playground's
// three backends inside Chromium: 'wasm' (the CPU fallback the page runs on a software adapter), 'cpu' and 'webgpu'
// (SwiftShader here), each against the float64 operator applied to the same unit point. The 'wasm' path once came
// out ~1e-45 everywhere (tf.oneHot's wasm kernel writes int32 bits into a float32 tensor; pointResponse.ts).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageSize } from '../config';
import { buildModel } from '../models/model';
import { squaredFrequencies } from '../ops/heat/dctBasis';
import { heatReference } from '../ops/heat/heatReference';
import { rateFromDiffusivity } from '../ops/heat/rate';
import { maxRelativeError } from '../ops/testing/relativeError';
import { loadModelFile, type LoadedModelFile } from '../weights/index';
import { blockSpatialKernel, pointResponse } from './pointResponse';

// float32 operator (four DCT sums of <= 16 terms, cosines and exp in float32, k from a float32 matMul) vs the float64
// operator on the same k: ~1e-6 of max |ref|; 1e-5 is the operator's contract (heatConduction.browser.test.ts).
const REF_TOL = 1e-5;
const BACKENDS = ['wasm', 'cpu', 'webgpu'] as const;

let file: LoadedModelFile;

async function use(name: string): Promise<void> {
  expect(await tf.setBackend(name)).toBe(true);
  await tf.ready();
}

beforeAll(async () => {
  setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  const res = await fetch('/models/vheat-fashion-mnist.safetensors');
  expect(res.ok).toBe(true);
  file = await loadModelFile(new Uint8Array(await res.arrayBuffer()), 'vheat-fashion-mnist.safetensors');
});

afterAll(async () => {
  await use('webgpu');
});

/** Float64 point response [H,W,C] from k [H,W,C] (float32 data of the model): the float64 operator on a unit point. */
function referenceResponse(k: Float32Array, side: number, c: number, row: number, col: number): Float64Array {
  const f = squaredFrequencies(side);
  const rate = new Float64Array(k.length);
  for (let n = 0; n < side; n++) for (let m = 0; m < side; m++) for (let j = 0; j < c; j++) rate[(n * side + m) * c + j] = k[(n * side + m) * c + j] * (f[n] + f[m]);
  const phi = new Float64Array(side * side * c);
  phi.fill(1, (row * side + col) * c, (row * side + col + 1) * c);
  return heatReference(phi, [1, side, side, c], rate, 1);
}

describe('the point response of the bundled vHeat model on every backend', () => {
  it('equals the float64 operator at every block of every stage on wasm, cpu and webgpu', async () => {
    const { depths, dims } = file.config;
    const input = file.preprocessing.inputSize;
    for (const backend of BACKENDS) {
      await use(backend);
      const model = buildModel(file.config, file.weights);
      for (let stage = 0; stage < depths.length; stage++) {
        const side = stageSize(input, stage);
        const c = dims[stage];
        const position = { row: Math.floor(side / 2), col: Math.max(0, Math.floor(side / 2) - 1) };
        for (let block = 0; block < depths[stage]; block++) {
          const label = `${backend} stage ${stage} block ${block} (${side}x${side}x${c})`;
          const kT = model.diffusivity(stage, block, side, side)!;
          const k = (await kT.data()) as Float32Array;
          const rate = rateFromDiffusivity(kT);
          kT.dispose();
          const got = pointResponse(rate, 1, position);
          const data = await got.data();
          tf.dispose([got, rate]);
          const ref = referenceResponse(k, side, c, position.row, position.col);
          let peak = 0;
          for (const v of ref) peak = Math.max(peak, Math.abs(v));
          expect(peak, label).toBeGreaterThan(0.05); // the reference itself is not blank
          expect(maxRelativeError(data, ref), label).toBeLessThan(REF_TOL);
          // The figure's own path (rate from model.diffusivity, channel mean) reads the same on this backend.
          const mean = (await blockSpatialKernel(model, stage, block, { height: side, width: side }, position, { kind: 'mean' }))!;
          const refMean = new Float64Array(side * side);
          for (let i = 0; i < side * side; i++) for (let j = 0; j < c; j++) refMean[i] += ref[i * c + j] / c;
          expect(maxRelativeError(mean.data, refMean), label).toBeLessThan(REF_TOL);
          expect(mean.range[1], label).toBeGreaterThan(0.01);
        }
      }
      model.dispose();
    }
  });
});
