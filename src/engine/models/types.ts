// Public types of the model engine.

import type * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../config';
import type { HeatImpl } from '../ops/heat/heatConduction';

/**
 * Multipliers of the diffusion strength; default all 1.
 * vHeat: the heat operator runs with scale s = global * perStage[stage] (exp(-s * rate) = time scaled by s).
 * HcNet: the explicit step's alpha (sigmoid output) is multiplied by global * perStage[stage].
 */
export interface DiffusivityScale {
  global: number;
  perStage: number[];
}

export interface RunOptions {
  diffusivity?: DiffusivityScale;
  heatImpl?: HeatImpl;
  capture?: boolean;
}

/** One block's tensors, present only when capture: true; the caller disposes them. */
export interface BlockCapture {
  stage: number;
  block: number;
  /** Block input x. */
  input: tf.Tensor4D;
  /** vHeat: phi before the DCT (after dwconv + linear split). */
  phi?: tf.Tensor4D;
  /** vHeat: the block's rate map at this input size, before scaling. */
  rate?: tf.Tensor3D;
  /** vHeat: s used for this block (global * perStage[stage]). */
  scale?: number;
  /** vHeat: operator output (after IDCT, before out_norm). */
  heatOut?: tf.Tensor4D;
  /** HcNet: [B,1,1,C] step diffusivity after scaling. */
  alpha?: tf.Tensor4D;
  /** Block output. */
  output: tf.Tensor4D;
}

export interface ForwardResult {
  logits: tf.Tensor2D;
  /** Each stage's output, after its blocks, before its downsample. */
  stages: tf.Tensor4D[];
  blocks: BlockCapture[];
}

export interface HeatModel {
  readonly config: ModelConfig;
  /** input: [B,H,W,3] normalised float32, any H,W >= 32. Returns logits [B,classes]. */
  predict(input: tf.Tensor4D, opts?: RunOptions): tf.Tensor2D;
  /** Everything, when a visualisation asks for it. */
  forward(input: tf.Tensor4D, opts?: RunOptions): ForwardResult;
  /** Output of stage `stage` only (differentiable w.r.t. input; for the ERF). */
  forwardToStage(input: tf.Tensor4D, stage: number, opts?: RunOptions): tf.Tensor4D;
  /**
   * Output after the first `blocks` blocks of stage `stage` (0..depths[stage]; differentiable w.r.t. input; for the
   * ERF through depth): blocks 0 of stage 0 is the stem's output, blocks 0 of a later stage the downsample's, and
   * blocks = depths[stage] is forwardToStage.
   */
  forwardToBlock(input: tf.Tensor4D, stage: number, blocks: number, opts?: RunOptions): tf.Tensor4D;
  /** vHeat: the diffusivity k of a block at a stage size [h,w,C] (caller disposes); HcNet: null. */
  diffusivity(stage: number, block: number, h: number, w: number): tf.Tensor3D | null;
  numParameters(): number;
  /**
   * On the 'webgpu' backend: compiles every GPU program a forward pass of inputs of this shape needs, all at once
   * and in parallel (createComputePipelineAsync), without running any, so the first predict does not compile them
   * one after another. Elsewhere it does nothing. Resolves when the pipelines are ready.
   */
  precompile(inputShape: [number, number, number, number], opts?: RunOptions): Promise<void>;
  dispose(): void;
}

/** Smallest input side accepted (any H, W >= 32; the fourth stage is then at least 1x1). */
export const MIN_INPUT_SIDE = 32;
