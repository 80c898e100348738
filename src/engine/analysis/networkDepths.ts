// The depths at which the ERF can be taken, in network order: after the stem, then after each block of each
// stage. Between stages the downsample is not a depth of its own (its output is the next block's input).

import { AnalysisInputError } from './errors';

/** The output after the first `blocks` blocks of stage `stage`; blocks 0 of stage 0 is the stem's output. */
export interface NetworkDepth {
  stage: number;
  blocks: number;
}

/** Stem, then (stage, 1..depths[stage]) for every stage: 1 + sum(depths) entries. */
export function networkDepths(depths: readonly number[]): NetworkDepth[] {
  if (depths.length === 0 || depths.some((d) => !Number.isInteger(d) || d < 1)) throw new AnalysisInputError(`bad stage depths [${depths.join(', ')}]`);
  const out: NetworkDepth[] = [{ stage: 0, blocks: 0 }];
  depths.forEach((d, stage) => {
    for (let blocks = 1; blocks <= d; blocks++) out.push({ stage, blocks });
  });
  return out;
}

/** Short label for plots: "stem", or "S2.3" for stage 2, block 3 (both counted from 1). */
export function depthLabel(depth: NetworkDepth): string {
  return depth.stage === 0 && depth.blocks === 0 ? 'stem' : `S${depth.stage + 1}.${depth.blocks}`;
}
