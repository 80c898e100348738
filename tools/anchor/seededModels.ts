// The seeded models the Dawn tools and the PyTorch anchor share: a configuration, the engine's random weights
// (randomWeights.ts, seed 1) and a seeded standard-normal NHWC input (SeededRandom(7)). The anchor
// (fixtures/parity/vheat-t-224-anchor.json, tools/python/make_anchor.py) holds PyTorch's logits on the same numbers.
import type { HcNetConfig, HeatConfig, VHeatConfig, WeightMap } from '../../src/engine/config';
import { randomWeights } from '../../src/engine/models/randomWeights';
import { SeededRandom } from '../../src/engine/models/seededRandom';

/** Seed of the random weights (randomWeights.ts) and of the input (SeededRandom). */
export const WEIGHT_SEED = 1;
export const INPUT_SEED = 7;

const vheat = (dims: number[], depths: number[], numClasses: number, trainResolution: number, layerScale = false, postNorm = false): VHeatConfig => ({
  family: 'vheat', dims, depths, postNorm, layerScale, mlpRatio: 4, numClasses, trainResolution, inferenceMode: false,
});
/** The bundled HcNet's configuration (public/models/hcnet-fashion-mnist.safetensors). */
const bundledHcNet: HcNetConfig = { family: 'hcnet', dims: [32, 64, 224], depths: [1, 1, 3], mlpRatio: 4, numClasses: 10, trainResolution: 32 };

/**
 * The bundled model's configuration, the same with layer scale (pre-norm), the same post-norm with layer scale
 * (vHeat-S/B's block layout), the bundled HcNet's configuration, and vHeat-T at 224.
 */
export const SEEDED_MODELS: Record<string, { config: HeatConfig; side: number }> = {
  bundled: { config: vheat([32, 64, 128, 256], [1, 1, 3, 1], 10, 32), side: 32 },
  'bundled-ls': { config: vheat([32, 64, 128, 256], [1, 1, 3, 1], 10, 32, true), side: 32 },
  'bundled-post': { config: vheat([32, 64, 128, 256], [1, 1, 3, 1], 10, 32, true, true), side: 32 },
  'hcnet-bundled': { config: bundledHcNet, side: 32 },
  'vheat-t-224': { config: vheat([96, 192, 384, 768], [2, 2, 6, 2], 1000, 224), side: 224 },
};

/** The model's random weights (official state-dict names and shapes, in state-dict order). */
export const seededWeights = (config: HeatConfig): WeightMap => randomWeights(config, WEIGHT_SEED);

/** The input: side x side x 3 standard normals, NHWC [1, side, side, 3] row-major. */
export const seededInput = (side: number): Float32Array => new SeededRandom(INPUT_SEED).normals(side * side * 3);
