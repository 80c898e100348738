// Runs a model once with captures on and keeps the one block an analysis looks at.

import * as tf from '@tensorflow/tfjs';
import type { BlockCapture, HeatModel, RunOptions } from '../models/model';
import { AnalysisInputError } from './errors';

/** Every tensor field of a capture (for disposal). */
export function captureTensors(c: BlockCapture): tf.Tensor[] {
  const all: (tf.Tensor | undefined)[] = [c.input, c.phi, c.rate, c.heatOut, c.alpha, c.output];
  return all.filter((t): t is tf.Tensor => t !== undefined);
}

/** Disposes every tensor a capture holds. */
export function disposeCapture(c: BlockCapture): void {
  tf.dispose(captureTensors(c));
}

/**
 * Forward pass of `input` with captures (honouring opts.diffusivity and opts.heatImpl); returns block
 * (stage, block)'s capture and disposes everything else. The caller disposes the result (disposeCapture).
 */
export function captureBlock(model: HeatModel, input: tf.Tensor4D, stage: number, block: number, opts: RunOptions = {}): BlockCapture {
  const depths = model.config.depths;
  if (!Number.isInteger(stage) || stage < 0 || stage >= depths.length || !Number.isInteger(block) || block < 0 || block >= depths[stage]) {
    throw new AnalysisInputError(`no block ${stage}.${block} in a model with depths [${depths}]`);
  }
  const result = model.forward(input, { ...opts, capture: true });
  let kept: BlockCapture | undefined;
  for (const c of result.blocks) {
    if (c.stage === stage && c.block === block && !kept) kept = c;
    else disposeCapture(c);
  }
  tf.dispose([result.logits, ...result.stages]);
  if (!kept) throw new AnalysisInputError(`the model captured no block ${stage}.${block}`);
  return kept;
}
