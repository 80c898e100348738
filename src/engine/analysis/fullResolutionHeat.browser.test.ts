// The full-resolution diffusion on the WGSL heat operator (real WebGPU; SwiftShader on CI) against the float64
// reference, on a small non-square RGB image, with a uniform k and with a vHeat block's learned k.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VHeatConfig } from '../config';
import { buildModel } from '../models/model';
import { randomWeights } from '../models/randomWeights';
import { squaredFrequencies } from '../ops/heat/dctBasis';
import { heatReference } from '../ops/heat/heatReference';
import { maxRelativeError } from '../ops/testing/relativeError';
import { frameToRgba, learnedDiffusivityOnGrid, rateOnImageGrid, visitDiffusedFrames, type ImagePlanes } from './fullResolutionHeat';
import { seededRandom, testSeed } from '../ops/testing/testRandom';

const OP_TOL = 2e-5;

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

/** Frames through the WGSL kernel, and the float64 reference of each, for k (one number or a map over n, m). */
async function wgslAgainstReference(planes: ImagePlanes, k: number | Float32Array, times: number[]): Promise<number[]> {
  const { height: h, width: w } = planes;
  const fh = squaredFrequencies(h);
  const fw = squaredFrequencies(w);
  const rate64 = Float64Array.from({ length: h * w * 3 }, (_, i) => {
    const p = Math.floor(i / 3);
    return (typeof k === 'number' ? k : k[p]) * (fh[Math.floor(p / w)] + fw[p % w]);
  });
  const rate = rateOnImageGrid(h, w, k);
  const errors: number[] = [];
  await visitDiffusedFrames(planes, rate, times, async (frame, i) => {
    errors.push(maxRelativeError(await frame.data(), heatReference(planes.data, [1, h, w, 3], rate64, times[i])));
  }, 'kernel');
  rate.dispose();
  return errors;
}

describe('full-resolution heat on the WGSL operator', () => {
  it('uniform and learned k on a 9 x 14 RGB image equal the float64 reference; no tensor is left behind', async () => {
    const rand = seededRandom(testSeed('image'));
    const planes: ImagePlanes = { height: 9, width: 14, data: Float32Array.from({ length: 9 * 14 * 3 }, () => rand()) };
    const before = tf.memory().numTensors;
    for (const e of await wgslAgainstReference(planes, 2.5, [0, 0.1, 1, 10])) expect(e).toBeLessThan(OP_TOL);

    const config: VHeatConfig = { family: 'vheat', dims: [8, 16, 16, 16], depths: [1, 1, 2, 1], postNorm: false, layerScale: false, mlpRatio: 4, numClasses: 10, trainResolution: 32, inferenceMode: false };
    const model = buildModel(config, randomWeights(config, 77));
    const modelTensors = tf.memory().numTensors;
    const k = (await learnedDiffusivityOnGrid(model, 0, 0, 9, 14, { kind: 'mean' }))!;
    expect(k.trainedSide).toBe(8);
    for (const e of await wgslAgainstReference(planes, k.data, [0.3, 3])) expect(e).toBeLessThan(OP_TOL);
    expect(tf.memory().numTensors).toBe(modelTensors);
    model.dispose();

    const frame = tf.tensor4d(planes.data, [1, 9, 14, 3]);
    const rgba = await frameToRgba(frame);
    frame.dispose();
    expect(rgba.length).toBe(9 * 14 * 4);
    expect(rgba[0]).toBe(Math.round(planes.data[0] * 255));
    expect(rgba[3]).toBe(255);
    expect(tf.memory().numTensors).toBe(before);
  });
});
