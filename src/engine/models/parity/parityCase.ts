// Rebuilds a parity case's weights and input (deterministic from its seeds) and reads its PyTorch outputs.

import type { ModelConfig, VHeatConfig, WeightMap } from '../../config';
import { toInferenceMode } from '../inferenceWeights';
import { randomWeights } from '../randomWeights';
import { SeededRandom } from '../seededRandom';
import type { ParityCase } from './cases';
import hcnet40x48 from './hcnet-40x48.json';
import hcnet48 from './hcnet-48.json';
import vheatInfer32 from './vheat-postnorm-ls-infer-32.json';
import vheatPad from './vheat-postnorm-ls-pad-40x48.json';
import vheatPre32 from './vheat-prenorm-32.json';
import vheatCrop from './vheat-prenorm-crop-40x48.json';
import { InternalError } from '../../errors';

export interface TorchOutputs {
  name: string;
  logits: number[];
  logitsShape: number[];
  /** Stage outputs in NHWC. */
  stages: { shape: number[]; data: number[] }[];
}

const outputs: TorchOutputs[] = [hcnet40x48, hcnet48, vheatInfer32, vheatPad, vheatPre32, vheatCrop];

export function torchOutputs(name: string): TorchOutputs {
  const o = outputs.find((x) => x.name === name);
  if (!o) throw new InternalError(`no PyTorch outputs for parity case ${name}`);
  return o;
}

export function caseModel(c: ParityCase): { config: ModelConfig; weights: WeightMap } {
  const weights = randomWeights(c.config, c.weightSeed);
  if (c.inferenceFromTraining) return toInferenceMode(c.config as VHeatConfig, weights);
  return { config: c.config, weights };
}

export function caseInput(c: ParityCase): Float32Array {
  return new SeededRandom(c.inputSeed).normals(c.inputShape.reduce((a, b) => a * b, 1));
}

