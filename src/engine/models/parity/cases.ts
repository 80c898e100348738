// PyTorch parity cases: tiny configs whose weights are randomWeights(config, weightSeed) and whose input is
// SeededRandom(inputSeed).normals(...) in NHWC; the official modules' outputs are stored next to this file.

import type { ModelConfig } from '../../config';

export interface ParityCase {
  name: string;
  config: ModelConfig;
  weightSeed: number;
  /** vHeat: convert the training-mode weights with toInferenceMode (the official infer_init()). */
  inferenceFromTraining?: boolean;
  inputSeed: number;
  /** NHWC [B,H,W,3]. */
  inputShape: [number, number, number, number];
}

const tinyVHeat = { family: 'vheat', dims: [8, 16, 16, 16], depths: [1, 1, 2, 1], mlpRatio: 4, numClasses: 10, inferenceMode: false } as const;
const tinyHcNet = { family: 'hcnet', dims: [8, 16, 16, 16], depths: [1, 1, 2, 1], mlpRatio: 4, numClasses: 10 } as const;

export const cases: ParityCase[] = [
  { name: 'vheat-prenorm-32', config: { ...tinyVHeat, dims: [...tinyVHeat.dims], depths: [...tinyVHeat.depths], postNorm: false, layerScale: false, trainResolution: 32 }, weightSeed: 11, inputSeed: 101, inputShape: [2, 32, 32, 3] },
  { name: 'vheat-postnorm-ls-pad-40x48', config: { ...tinyVHeat, dims: [...tinyVHeat.dims], depths: [...tinyVHeat.depths], postNorm: true, layerScale: true, trainResolution: 32 }, weightSeed: 12, inputSeed: 102, inputShape: [2, 40, 48, 3] },
  { name: 'vheat-postnorm-ls-infer-32', config: { ...tinyVHeat, dims: [...tinyVHeat.dims], depths: [...tinyVHeat.depths], postNorm: true, layerScale: true, trainResolution: 32 }, weightSeed: 12, inferenceFromTraining: true, inputSeed: 103, inputShape: [2, 32, 32, 3] },
  { name: 'vheat-prenorm-crop-40x48', config: { ...tinyVHeat, dims: [...tinyVHeat.dims], depths: [...tinyVHeat.depths], postNorm: false, layerScale: false, trainResolution: 64 }, weightSeed: 13, inputSeed: 104, inputShape: [1, 40, 48, 3] },
  { name: 'hcnet-48', config: { ...tinyHcNet, dims: [...tinyHcNet.dims], depths: [...tinyHcNet.depths], trainResolution: 48 }, weightSeed: 14, inputSeed: 105, inputShape: [2, 48, 48, 3] },
  { name: 'hcnet-40x48', config: { ...tinyHcNet, dims: [...tinyHcNet.dims], depths: [...tinyHcNet.depths], trainResolution: 48 }, weightSeed: 15, inputSeed: 106, inputShape: [2, 40, 48, 3] },
];
