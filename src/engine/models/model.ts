// Entry point of the model engine: checks weights against the official spec, builds a model.

import type { ModelConfig, WeightMap } from '../config';
import { ConvNeXtModel } from './convnext';
import { ModelBuildError } from './errors';
import { HcNetModel } from './hcnet';
import type { HeatModel } from './types';
import { validateWeights } from './validateWeights';
import { VHeatModel } from './vheat';
import { ViTModel } from './vit';

export type { BlockCapture, DiffusivityScale, ForwardResult, HeatModel, RunOptions } from './types';
export { ModelBuildError } from './errors';

/** Builds a vHeat, HcNet, ConvNeXt or ViT model; throws ModelBuildError when the weights do not fit the config. */
export function buildModel(config: ModelConfig, weights: WeightMap): HeatModel {
  validateWeights(config, weights);
  if (config.family === 'vheat') return new VHeatModel(config, weights);
  if (config.family === 'hcnet') return new HcNetModel(config, weights);
  if (config.family === 'convnext') return new ConvNeXtModel(config, weights);
  if (config.family === 'vit') return new ViTModel(config, weights);
  throw new ModelBuildError('model', { problems: [`unknown family ${(config as { family: string }).family}`] });
}
