import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { stageScale, stageScales } from './diffusivityScale';

describe('the diffusivity product', () => {
  it('is global * perStage[stage], each defaulting to 1', () => {
    expect(stageScales(undefined, 3)).toEqual([1, 1, 1]);
    expect(stageScales({ global: 2, perStage: [0.5, 3] }, 3)).toEqual([1, 6, 2]);
    expect(stageScale({ global: 2, perStage: [0.5, 3] }, 1, 3)).toBe(6);
    expect(stageScales({ global: 0, perStage: [1, 1] }, 2)).toEqual([0, 0]);
  });

  it('refuses negative or non-finite products, extra stages and stages the model lacks, with typed errors', () => {
    for (const bad of [() => stageScales({ global: -1, perStage: [] }, 2), () => stageScales({ global: 1, perStage: [1, Infinity] }, 2)]) {
      expect(bad).toThrow(InputError);
      expect(bad).toThrow('must be finite and >= 0');
    }
    expect(() => stageScales({ global: 1, perStage: [1, 1, 1] }, 2)).toThrow(/3 entries, the model has 2 stages/);
    expect(() => stageScale(undefined, 4, 4)).toThrow(/no stage 4/);
  });
});
