// The effective receptive field: of a clicked pixel on the current image (one gradient pass), and the paper's average
// over sample images (a batch of its own; nothing to share with the current image's forward cache).
import * as tf from '@tensorflow/tfjs';
import {
  averageEffectiveReceptiveField, effectiveReceptiveField, effectiveReceptiveFieldAtDepth, imageToStagePosition, type ErfMap,
} from '../../../engine/analysis';
import type { Preprocessing } from '../../../engine/config';
import { preprocess } from '../../../engine/image';
import type { DiffusivityScale } from '../../../engine/models/types';
import { decodeImageBytes } from '../decodeImage';
import { fetchBytes } from '../download';
import type { Progress } from '../loadProgress';
import type { ErfResult } from '../protocol';
import { need, needModel, type EngineState } from '../state';

/** Thresholds of the area ratios shown beside the ERF. */
export const ERF_THRESHOLDS = [0.2, 0.3, 0.5, 0.99];

export function erfResult(e: ErfMap, t0: number): ErfResult {
  return {
    map: { frames: 1, height: e.height, width: e.width, channels: 1, data: e.display, range: [0, 1] },
    stage: e.stage,
    stagePosition: e.stagePosition,
    maxContribution: e.maxContribution,
    blocks: e.blocks,
    row: e.imagePosition.row,
    col: e.imagePosition.col,
    ratios: e.areaRatios.map((a) => ({ threshold: a.threshold, areaRatio: a.areaRatio, box: a.box })),
    images: e.images,
    milliseconds: performance.now() - t0,
  };
}

/**
 * ERF of the stage position whose receptive-field centre is nearest to input pixel (row, col), after the first
 * `blocks` blocks of the stage (default all: the stage output; 0 at stage 0: after the stem). Its pass runs under a
 * gradient tape, so it cannot come from the forward cache.
 */
export async function erf(state: EngineState, stage: number, row: number, col: number, diffusivity: DiffusivityScale, blocks?: number): Promise<ErfResult> {
  const t0 = performance.now();
  const { model, info, x } = need(state);
  const s = info.preprocessing.inputSize;
  const pixel = { row: Math.min(Math.max(Math.floor(row), 0), s - 1), col: Math.min(Math.max(Math.floor(col), 0), s - 1) };
  const position = imageToStagePosition(pixel, s, s, stage);
  const opts = { runOptions: { diffusivity }, thresholds: ERF_THRESHOLDS };
  const e = blocks === undefined
    ? await effectiveReceptiveField(model, x, stage, position, opts)
    : await effectiveReceptiveFieldAtDepth(model, x, { stage, blocks }, position, opts);
  return erfResult(e, t0);
}

/** The sample images at `urls`, preprocessed for a model into one batch. */
export async function sampleBatch(urls: string[], preprocessing: Preprocessing, progress: Progress): Promise<tf.Tensor4D> {
  const s = preprocessing.inputSize;
  const batch = new Float32Array(urls.length * s * s * 3);
  for (let i = 0; i < urls.length; i++) {
    progress(i / urls.length, { key: 'erf.readingImage', values: { n: i + 1, total: urls.length } });
    const rgba = await decodeImageBytes(await fetchBytes(urls[i]), urls[i]);
    batch.set(preprocess(rgba, preprocessing).data, i * s * s * 3);
  }
  return tf.tensor4d(batch, [urls.length, s, s, 3]);
}

/** The paper's ERF: centre position, gradients averaged over several images. */
export async function erfAverage(state: EngineState, stage: number, urls: string[], diffusivity: DiffusivityScale, progress: Progress): Promise<ErfResult> {
  const t0 = performance.now();
  const { model, info } = needModel(state);
  const images = await sampleBatch(urls, info.preprocessing, (f, label) => progress(0.3 * f, label));
  progress(0.3, { key: 'erf.gradients', values: { images: urls.length } });
  try {
    const e = await averageEffectiveReceptiveField(model, images, stage, { runOptions: { diffusivity }, thresholds: ERF_THRESHOLDS });
    progress(1, { key: 'done' });
    return erfResult(e, t0);
  } finally {
    images.dispose();
  }
}
