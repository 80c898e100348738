// Effective receptive field (RepLKNet / vHeat paper): for a stage output Y [h,w,C] and a position p,
// g = sum over RGB of |d(sum_c Y[p, c]) / dX|, by tf.grad through model.forwardToStage / forwardToBlock (on the GPU, honouring
// RunOptions: diffusivity and heatImpl). Displayed as log10(1 + g) / max. Area ratios (areaRatio.ts) are taken
// on that displayed map, as the official analysis script does, around the image pixel at p's centre.
// The average ERF (the paper's figure) averages g over images at the centre position before the log (ErfAverager:
// over batches added one by one, at any position).
// rule 'relu' follows the official scripts' variant instead: d(sum_c ReLU(Y[p, c])) / dX, then ReLU of it.

import * as tf from '@tensorflow/tfjs';
import { ensureWasmBorrowedKernels } from '../backend/wasmBorrowedKernels';
import { stageSize } from '../config';
import type { HeatModel, RunOptions } from '../models/model';
import { highContributionAreaRatios, PAPER_AREA_THRESHOLDS, type AreaRatio } from './areaRatio';
import { logNormalised } from './displayMaps';
import type { NetworkDepth } from './networkDepths';
import { AnalysisInputError } from './errors';
import type { MapPosition } from './pointResponse';
import { stageCentre, stageToImagePosition } from './positions';
import { checkBudget, modelWorkEstimate } from '../budget';

export type ContributionRule = 'abs' | 'relu';

export interface ErfOptions {
  runOptions?: RunOptions;
  rule?: ContributionRule;
  thresholds?: readonly number[];
}

export interface ErfMap {
  stage: number;
  /** Blocks of `stage` the output is taken after (depths[stage] for the stage output). */
  blocks: number;
  /** Position in the stage map whose contributions these are. */
  stagePosition: MapPosition;
  /** Image pixel at that position's receptive-field centre (the area ratios' centre). */
  imagePosition: MapPosition;
  height: number;
  width: number;
  /** Number of images g was averaged over. */
  images: number;
  /** g (averaged over the images), row-major [H, W], >= 0. */
  contribution: Float32Array;
  /** log10(1 + g) / max, in [0, 1]. */
  display: Float32Array;
  maxContribution: number;
  areaRatios: AreaRatio[];
}

function checkStagePosition(model: HeatModel, input: tf.Tensor4D, stage: number, p: MapPosition): void {
  const depths = model.config.depths;
  if (!Number.isInteger(stage) || stage < 0 || stage >= depths.length) throw new AnalysisInputError(`stage ${stage} not in 0..${depths.length - 1}`);
  const h = stageSize(input.shape[1], stage);
  const w = stageSize(input.shape[2], stage);
  if (!Number.isInteger(p.row) || !Number.isInteger(p.col) || p.row < 0 || p.row >= h || p.col < 0 || p.col >= w) {
    throw new AnalysisInputError(`stage position (${p.row}, ${p.col}) is outside the ${h}x${w} stage ${stage} map`);
  }
}

/** Refuses an ERF whose gradients (every block's activations kept for the backward pass) are over the budget. */
function checkErfBudget(model: HeatModel, input: tf.Tensor4D): void {
  const [b, h, w] = input.shape;
  checkBudget('input', `an ERF of ${b} ${h}x${w} image${b === 1 ? '' : 's'} (gradients)`, modelWorkEstimate(model.config, b, h, w, 'gradient', tf.getBackend() === 'webgpu'));
}

/** |d(sum_c Y[p, c]) / dX| (or the 'relu' variant) summed over the batch and RGB: [H, W]. Call inside a tidy. */
function contributionThrough(forward: (x: tf.Tensor4D) => tf.Tensor4D, input: tf.Tensor4D, position: MapPosition, rule: ContributionRule): tf.Tensor2D {
  const target = (x: tf.Tensor): tf.Scalar => {
    const y = forward(x as tf.Tensor4D);
    const [b, , , c] = y.shape;
    const at = tf.slice(y, [0, position.row, position.col, 0], [b, 1, 1, c]);
    return tf.sum(rule === 'relu' ? tf.relu(at) : at);
  };
  const grad = tf.grad(target)(input);
  const magnitude = rule === 'relu' ? tf.relu(grad) : tf.abs(grad);
  return tf.sum(magnitude, [0, 3]) as tf.Tensor2D;
}

/**
 * Sum over the batch of each image's contribution map: [H, W] on the GPU (caller disposes). The images of a
 * batch do not interact in either model, so d(sum over b)/dX_b is image b's own gradient.
 */
export function erfContribution(model: HeatModel, input: tf.Tensor4D, stage: number, position: MapPosition, opts: ErfOptions = {}): tf.Tensor2D {
  checkErfBudget(model, input);
  checkStagePosition(model, input, stage, position);
  ensureWasmBorrowedKernels(); // the CPU fallback's missing conv gradients
  const runOptions: RunOptions = { ...opts.runOptions, capture: false };
  return tf.tidy(() => contributionThrough((x) => model.forwardToStage(x, stage, runOptions), input, position, opts.rule ?? 'abs'));
}

/** Like erfContribution, for the output after the first `depth.blocks` blocks of `depth.stage` (model.forwardToBlock). */
export function erfContributionAtDepth(model: HeatModel, input: tf.Tensor4D, depth: NetworkDepth, position: MapPosition, opts: ErfOptions = {}): tf.Tensor2D {
  checkErfBudget(model, input);
  checkStagePosition(model, input, depth.stage, position);
  const blocks = model.config.depths[depth.stage];
  if (!Number.isInteger(depth.blocks) || depth.blocks < 0 || depth.blocks > blocks) {
    throw new AnalysisInputError(`blocks ${depth.blocks} of stage ${depth.stage} not in 0..${blocks}`);
  }
  ensureWasmBorrowedKernels();
  const runOptions: RunOptions = { ...opts.runOptions, capture: false };
  return tf.tidy(() => contributionThrough((x) => model.forwardToBlock(x, depth.stage, depth.blocks, runOptions), input, position, opts.rule ?? 'abs'));
}

async function erfMapFromSum(sum: tf.Tensor2D, images: number, inputHeight: number, inputWidth: number, depth: NetworkDepth, position: MapPosition, opts: ErfOptions): Promise<ErfMap> {
  const [height, width] = sum.shape;
  const contribution = (await sum.data()) as Float32Array;
  for (let i = 0; i < contribution.length; i++) contribution[i] /= images;
  let maxContribution = 0;
  for (const v of contribution) if (v > maxContribution) maxContribution = v;
  const display = logNormalised(contribution);
  const { stage, blocks } = depth;
  const imagePosition = stageToImagePosition(position, inputHeight, inputWidth, stage);
  const areaRatios = highContributionAreaRatios(display, height, width, imagePosition, opts.thresholds ?? PAPER_AREA_THRESHOLDS);
  return { stage, blocks, stagePosition: { ...position }, imagePosition, height, width, images, contribution, display, maxContribution, areaRatios };
}

/** ERF of one image (input [1,H,W,3]) at a stage position (see positions.ts to map a clicked pixel). */
export async function effectiveReceptiveField(model: HeatModel, input: tf.Tensor4D, stage: number, position: MapPosition, opts: ErfOptions = {}): Promise<ErfMap> {
  if (input.shape[0] !== 1) throw new AnalysisInputError(`effectiveReceptiveField takes one image, got a batch of ${input.shape[0]}`);
  const g = erfContribution(model, input, stage, position, opts);
  try {
    return await erfMapFromSum(g, 1, input.shape[1], input.shape[2], { stage, blocks: model.config.depths[stage] }, position, opts);
  } finally {
    g.dispose();
  }
}

/**
 * ERF of one image after the first `depth.blocks` blocks of stage `depth.stage` (blocks 0 of stage 0: after the stem),
 * at a position of that stage's map. One gradient per depth: the ERF through depth is one call per networkDepths entry.
 */
export async function effectiveReceptiveFieldAtDepth(model: HeatModel, input: tf.Tensor4D, depth: NetworkDepth, position: MapPosition, opts: ErfOptions = {}): Promise<ErfMap> {
  if (input.shape[0] !== 1) throw new AnalysisInputError(`effectiveReceptiveFieldAtDepth takes one image, got a batch of ${input.shape[0]}`);
  const g = erfContributionAtDepth(model, input, depth, position, opts);
  try {
    return await erfMapFromSum(g, 1, input.shape[1], input.shape[2], depth, position, opts);
  } finally {
    g.dispose();
  }
}

/**
 * Running sum of contribution maps over batches of images of one size (the average ERF of more images than fit
 * in memory at once): add() each batch, then finish() for g averaged over every image added. dispose() at the end.
 */
export class ErfAverager {
  private sum: tf.Tensor2D | null = null;
  private images = 0;

  constructor(
    private readonly model: HeatModel,
    private readonly stage: number,
    private readonly position: MapPosition,
    private readonly inputHeight: number,
    private readonly inputWidth: number,
    private readonly opts: ErfOptions = {},
  ) {}

  /** Adds every image of `batch` [B,H,W,3] (H, W as given to the constructor). */
  add(batch: tf.Tensor4D): void {
    const [b, h, w] = batch.shape;
    if (h !== this.inputHeight || w !== this.inputWidth) throw new AnalysisInputError(`image of ${h}x${w} in an average over ${this.inputHeight}x${this.inputWidth} images`);
    const part = erfContribution(this.model, batch, this.stage, this.position, this.opts);
    if (this.sum === null) this.sum = part;
    else {
      const next = tf.add(this.sum, part) as tf.Tensor2D;
      tf.dispose([this.sum, part]);
      this.sum = next;
    }
    this.images += b;
  }

  async finish(): Promise<ErfMap> {
    if (this.sum === null || this.images < 1) throw new AnalysisInputError('no images');
    return erfMapFromSum(this.sum, this.images, this.inputHeight, this.inputWidth, { stage: this.stage, blocks: this.model.config.depths[this.stage] }, this.position, this.opts);
  }

  dispose(): void {
    this.sum?.dispose();
    this.sum = null;
  }
}

/**
 * The paper's average ERF: g at the stage centre (h // 2, w // 2), or at opts.position, averaged over all images
 * of `images` [N,H,W,3] (run `batchSize` at a time), then log-normalised.
 */
export async function averageEffectiveReceptiveField(
  model: HeatModel,
  images: tf.Tensor4D,
  stage: number,
  opts: ErfOptions & { batchSize?: number; position?: MapPosition } = {},
): Promise<ErfMap> {
  const [n, h, w] = images.shape;
  const batch = opts.batchSize ?? 1;
  if (!Number.isInteger(batch) || batch < 1) throw new AnalysisInputError(`batchSize ${batch} must be a positive integer`);
  if (n < 1) throw new AnalysisInputError('no images');
  const averager = new ErfAverager(model, stage, opts.position ?? stageCentre(h, w, stage), h, w, opts);
  try {
    for (let start = 0; start < n; start += batch) {
      const size = Math.min(batch, n - start);
      const part = tf.slice(images, [start, 0, 0, 0], [size, h, w, 3]);
      try {
        averager.add(part);
      } finally {
        part.dispose();
      }
      await new Promise((resolve) => setTimeout(resolve, 0)); // let a worker's message loop run between batches
    }
    return await averager.finish();
  } finally {
    averager.dispose();
  }
}
