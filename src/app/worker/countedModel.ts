// A HeatModel that counts the passes run through it, so tests can see how many forwards one slider step costs.
import type { HeatModel } from '../../engine/models/types';
import type { PassCounts } from './protocol';

export const noPasses = (): PassCounts => ({ forward: 0, predict: 0, partial: 0 });

/** `model` with every pass counted in `counts` (precompile's compile-only pass is not a pass and is not counted). */
export function countedModel(model: HeatModel, counts: PassCounts): HeatModel {
  return {
    config: model.config,
    predict: (input, opts) => {
      counts.predict++;
      return model.predict(input, opts);
    },
    forward: (input, opts) => {
      counts.forward++;
      return model.forward(input, opts);
    },
    forwardToStage: (input, stage, opts) => {
      counts.partial++;
      return model.forwardToStage(input, stage, opts);
    },
    forwardToBlock: (input, stage, blocks, opts) => {
      counts.partial++;
      return model.forwardToBlock(input, stage, blocks, opts);
    },
    diffusivity: (stage, block, h, w) => model.diffusivity(stage, block, h, w),
    numParameters: () => model.numParameters(),
    precompile: (shape, opts) => model.precompile(shape, opts),
    dispose: () => model.dispose(),
  };
}
