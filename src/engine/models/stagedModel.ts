// Shared driver of both families: stem -> stages of blocks (+ downsample between stages) -> head,
// with tidy memory handling, input checks, diffusivity scales and optional captures.

import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../config';
import type { HeatImpl } from '../ops/heat/heatConduction';
import { countParameters } from '../stateDict';
import { stageScales } from './diffusivityScale';
import { MIN_INPUT_SIDE, type BlockCapture, type ForwardResult, type HeatModel, type RunOptions } from './types';
import { EngineStateError, InternalError } from '../errors';
import { checkBudget, modelWorkEstimate } from '../budget';

/** What one block run needs besides its input. */
export interface BlockContext {
  /** Diffusivity multiplier of this block's stage: global * perStage[stage]. */
  scale: number;
  heatImpl: HeatImpl;
  /** When set, the block pushes a capture (its tensors tf.keep'd). */
  captures: BlockCapture[] | null;
}

/** Distinct input sizes whose per-size maps (vHeat rates, HcNet neighbour counts) a model keeps. */
export const MAX_CACHED_SIZES = 8;

/**
 * Drops the oldest entries of an insertion-ordered tensor cache beyond `limit`. Entries of the run in
 * progress are the newest, so they stay; tfjs keeps a disposed tensor's data alive for queued GPU work.
 */
export function evictOldest(cache: Map<string, tf.Tensor>, limit: number): void {
  for (const [key, t] of cache) {
    if (cache.size <= limit) break;
    t.dispose();
    cache.delete(key);
  }
}

/** tfjs-backend-webgpu's parallel compilation switch: programs get their pipelines created asynchronously, not run. */
const COMPILE_ONLY_FLAG = 'WEBGPU_ENGINE_COMPILE_ONLY';

/**
 * A capture's own handle on a tensor: a kept clone (shares the data), so the caller can dispose each capture
 * field independently even where tensors coincide (block j's output is block j+1's input).
 */
export function captured<T extends tf.Tensor>(t: T): T {
  return tf.keep(tf.clone(t));
}

export abstract class StagedModel implements HeatModel {
  private disposed = false;

  protected constructor(readonly config: ModelConfig) {}

  protected abstract stem(x: tf.Tensor4D): tf.Tensor4D;
  protected abstract block(stage: number, block: number, x: tf.Tensor4D, ctx: BlockContext): tf.Tensor4D;
  protected abstract downsample(stage: number, x: tf.Tensor4D): tf.Tensor4D;
  protected abstract head(x: tf.Tensor4D): tf.Tensor2D;
  protected abstract releaseTensors(): void;
  abstract diffusivity(stage: number, block: number, h: number, w: number): tf.Tensor3D | null;

  private checkInput(input: tf.Tensor4D): void {
    if (this.disposed) throw new EngineStateError('model', 'is disposed');
    if (input.rank !== 4 || input.shape[3] !== 3) throw new InternalError(`input must be [B,H,W,3], got [${input.shape}]`);
    if (input.shape[1] < MIN_INPUT_SIDE || input.shape[2] < MIN_INPUT_SIDE) {
      throw new EngineStateError('input', `side must be >= ${MIN_INPUT_SIDE}, got ${input.shape[1]}x${input.shape[2]}`, 'invalid-value');
    }
    if (input.dtype !== 'float32') throw new InternalError(`input must be float32, got ${input.dtype}`);
    const [b, h, w] = input.shape;
    checkBudget('input', `a forward pass of ${b} ${h}x${w} image${b === 1 ? '' : 's'}`, modelWorkEstimate(this.config, b, h, w, 'forward', tf.getBackend() === 'webgpu'));
  }

  /**
   * Runs the network to stage `lastStage`, through its first `lastBlocks` blocks (all of them by default; not its
   * downsample); `onStage` sees each stage output. Call inside a tidy.
   */
  private runStages(
    input: tf.Tensor4D, opts: RunOptions, lastStage: number, captures: BlockCapture[] | null,
    onStage?: (x: tf.Tensor4D) => void, lastBlocks = this.config.depths[lastStage],
  ): tf.Tensor4D {
    const scales = stageScales(opts.diffusivity, this.config.depths.length);
    const heatImpl = opts.heatImpl ?? 'auto';
    let x = this.stem(input);
    for (let i = 0; i <= lastStage; i++) {
      const ctx: BlockContext = { scale: scales[i], heatImpl, captures };
      const blocks = i === lastStage ? lastBlocks : this.config.depths[i];
      for (let j = 0; j < blocks; j++) x = this.block(i, j, x, ctx);
      onStage?.(x);
      if (i < lastStage) x = this.downsample(i, x);
    }
    return x;
  }

  predict(input: tf.Tensor4D, opts: RunOptions = {}): tf.Tensor2D {
    this.checkInput(input);
    const last = this.config.depths.length - 1;
    return tf.tidy(() => this.head(this.runStages(input, opts, last, null)));
  }

  /** Logits and every stage output; BlockCaptures too when opts.capture. Caller disposes all. */
  forward(input: tf.Tensor4D, opts: RunOptions = {}): ForwardResult {
    this.checkInput(input);
    const last = this.config.depths.length - 1;
    const blocks: BlockCapture[] = [];
    const stages: tf.Tensor4D[] = [];
    const logits = tf.tidy(() => {
      const x = this.runStages(input, opts, last, opts.capture ? blocks : null, (s) => stages.push(captured(s)));
      return this.head(x);
    });
    return { logits, stages, blocks };
  }

  forwardToStage(input: tf.Tensor4D, stage: number, opts: RunOptions = {}): tf.Tensor4D {
    this.checkInput(input);
    if (!Number.isInteger(stage) || stage < 0 || stage >= this.config.depths.length) {
      throw new EngineStateError('stage', `must be 0..${this.config.depths.length - 1}, got ${stage}`);
    }
    return tf.tidy(() => this.runStages(input, opts, stage, null));
  }

  forwardToBlock(input: tf.Tensor4D, stage: number, blocks: number, opts: RunOptions = {}): tf.Tensor4D {
    this.checkInput(input);
    const depths = this.config.depths;
    if (!Number.isInteger(stage) || stage < 0 || stage >= depths.length) throw new EngineStateError('stage', `must be 0..${depths.length - 1}, got ${stage}`);
    if (!Number.isInteger(blocks) || blocks < 0 || blocks > depths[stage]) throw new EngineStateError('blocks', `of stage ${stage} must be 0..${depths[stage]}, got ${blocks}`);
    return tf.tidy(() => this.runStages(input, opts, stage, null, undefined, blocks));
  }

  numParameters(): number {
    return countParameters(this.config);
  }

  /**
   * Per-size tensors computed by GPU programs during a forward pass (vHeat's rate maps). precompile() drops them:
   * made under tfjs's compile-only flag, they were never computed.
   */
  protected dropComputedSizeCaches(): void {}

  async precompile(inputShape: [number, number, number, number], opts: RunOptions = {}): Promise<void> {
    if (this.disposed) throw new EngineStateError('model', 'is disposed');
    if (tf.getBackend() !== 'webgpu') return;
    const backend = tf.backend() as unknown as { checkCompileCompletionAsync(): Promise<void> };
    const x = tf.zeros(inputShape) as tf.Tensor4D; // filled before the flag: a real input shape and dtype
    try {
      tf.env().set(COMPILE_ONLY_FLAG, true);
      try {
        tf.dispose(this.predict(x, opts));
      } finally {
        tf.env().set(COMPILE_ONLY_FLAG, false);
      }
      await backend.checkCompileCompletionAsync();
    } finally {
      this.dropComputedSizeCaches();
      x.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.releaseTensors();
  }
}
