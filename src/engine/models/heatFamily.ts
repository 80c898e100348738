// The heat analyses (heat frames, the diffusivity spectrum, HcNet's explicit steps, the full-resolution heat) need
// a model with a heat operator; the rivals (ConvNeXt, ViT) have none and are refused with a typed error.

import type { HeatConfig, ModelConfig } from '../config';
import { EngineStateError } from '../errors';

export function isHeatConfig(config: ModelConfig): config is HeatConfig {
  return config.family === 'vheat' || config.family === 'hcnet';
}

/** The config as a heat model's, or EngineStateError 'unsupported' naming the analysis asked for. */
export function requireHeatConfig(config: ModelConfig, analysis: string): HeatConfig {
  if (isHeatConfig(config)) return config;
  throw new EngineStateError(analysis, `needs vHeat or HcNet: a ${config.family} model has no heat operator`, 'unsupported');
}
