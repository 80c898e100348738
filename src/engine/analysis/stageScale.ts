// The diffusion multiplier a stage runs with under RunOptions.diffusivity:
// s = global * perStage[stage], each defaulting to 1.

import type { DiffusivityScale } from '../models/model';
import { AnalysisInputError } from './errors';

export function stageScale(stage: number, diffusivity?: DiffusivityScale): number {
  const s = (diffusivity?.global ?? 1) * (diffusivity?.perStage?.[stage] ?? 1);
  if (!(Number.isFinite(s) && s >= 0)) throw new AnalysisInputError(`diffusivity for stage ${stage} must be finite and >= 0, got ${s}`);
  return s;
}
