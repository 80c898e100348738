// The one diffusivity product: the multiplier each stage runs with under a DiffusivityScale,
// s = global * perStage[stage] (each defaulting to 1), validated here and nowhere else.

import { InputError } from '../errors';
import type { DiffusivityScale } from './types';

/** Every stage's multiplier (defaults 1); refuses more per-stage entries than stages and negative or non-finite products. */
export function stageScales(d: DiffusivityScale | undefined, stages: number): number[] {
  const global = d?.global ?? 1;
  const per = d?.perStage ?? [];
  if (per.length > stages) throw new InputError('diffusivity', `perStage has ${per.length} entries, the model has ${stages} stages`, 'mismatch');
  return Array.from({ length: stages }, (_, i) => {
    const s = global * (per[i] ?? 1);
    if (!(Number.isFinite(s) && s >= 0)) throw new InputError('diffusivity', `stage ${i} must be finite and >= 0, got ${s}`, 'invalid-value');
    return s;
  });
}

/** One stage's multiplier, from the same product (a model of `stages` stages). */
export function stageScale(d: DiffusivityScale | undefined, stage: number, stages: number): number {
  if (!(Number.isInteger(stage) && stage >= 0 && stage < stages)) throw new InputError('diffusivity', `no stage ${stage} in a model of ${stages} stages`, 'invalid-value');
  return stageScales(d, stages)[stage];
}
