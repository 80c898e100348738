// The comparison view: the ERF of the same image point (or the sample-averaged ERF) in every bundled model of a
// domain (the same images, possibly at another input size: the point is carried over relatively), each model loaded here by its bundled entry and kept in state.comparison, apart from the page's model.
import * as tf from '@tensorflow/tfjs';
import { averageEffectiveReceptiveField, effectiveReceptiveField, imageToStagePosition } from '../../../engine/analysis';
import { EngineStateError } from '../../../engine/errors';
import { preprocess } from '../../../engine/image';
import { buildModel } from '../../../engine/models/model';
import type { DiffusivityScale } from '../../../engine/models/types';
import { loadModelFile } from '../../../engine/weights';
import { fetchBytes, fileOfUrl } from '../download';
import type { Progress } from '../loadProgress';
import type { BundledModelEntry, ComparisonErf, ComparisonResult } from '../protocol';
import type { ComparisonModel, EngineState } from '../state';
import { ERF_THRESHOLDS, erfResult, sampleBatch } from './erf';

/** The entry's model, built once and kept in the state. */
async function comparisonModel(state: EngineState, entry: BundledModelEntry): Promise<ComparisonModel> {
  const cached = state.comparison.get(entry.id);
  if (cached) return cached;
  const m = await loadModelFile(await fetchBytes(entry.file), fileOfUrl(entry.file));
  const built: ComparisonModel = { model: buildModel(m.config, m.weights), config: m.config, preprocessing: m.preprocessing };
  state.comparison.set(entry.id, built);
  return built;
}

/** The page's diffusivity scale for vHeat; every other family runs as trained (HcNet's alpha too: the column is vHeat's). */
function scaleFor(c: ComparisonModel, diffusivity: DiffusivityScale): DiffusivityScale {
  return c.config.family === 'vheat' ? diffusivity : { global: 1, perStage: c.config.depths.map(() => 1) };
}

function clampedStage(c: ComparisonModel, stage: number): number {
  return Math.min(Math.max(0, Math.floor(stage)), c.config.depths.length - 1);
}

interface ComparisonErfRequest {
  entries: BundledModelEntry[];
  stage: number;
  row: number;
  col: number;
  /** The side of the image (row, col) are pixels of (the page model's input): each model gets the same relative point. */
  side: number;
  diffusivity: DiffusivityScale;
}

/** Pixel (row, col) of a side x side image carried to the same relative place of an s x s one. */
export function scaledPixel(row: number, col: number, side: number, s: number): { row: number; col: number } {
  const at = (v: number) => Math.min(Math.max(Math.floor(((v + 0.5) * s) / side), 0), s - 1);
  return { row: at(row), col: at(col) };
}

/** ERF of the stage cell nearest to input pixel (row, col) of the current image, in every entry's model. */
export async function comparisonErf(state: EngineState, req: ComparisonErfRequest, progress: Progress): Promise<ComparisonResult> {
  if (!state.image) throw new EngineStateError('engine', 'no image is loaded');
  const columns: ComparisonErf[] = [];
  for (const [i, entry] of req.entries.entries()) {
    progress(i / req.entries.length, { key: 'compare.erfOf', values: { model: entry.title } });
    const c = await comparisonModel(state, entry);
    const s = c.preprocessing.inputSize;
    const p = preprocess(state.image.rgba, c.preprocessing, state.image.name);
    const x = tf.tensor4d(p.data, p.shape);
    const t0 = performance.now();
    try {
      const stage = clampedStage(c, req.stage);
      const pixel = scaledPixel(req.row, req.col, req.side, s);
      const e = await effectiveReceptiveField(c.model, x, stage, imageToStagePosition(pixel, s, s, stage), { runOptions: { diffusivity: scaleFor(c, req.diffusivity) }, thresholds: ERF_THRESHOLDS });
      columns.push({ id: entry.id, title: entry.title, family: c.config.family, erf: erfResult(e, t0) });
    } finally {
      x.dispose();
    }
  }
  progress(1, { key: 'done' });
  return { columns };
}

/** The paper's ERF (centre cell, gradients averaged over the sample images) in every entry's model. */
export async function comparisonErfAverage(
  state: EngineState, req: { entries: BundledModelEntry[]; stage: number; urls: string[]; diffusivity: DiffusivityScale }, progress: Progress,
): Promise<ComparisonResult> {
  const columns: ComparisonErf[] = [];
  const n = req.entries.length;
  for (const [i, entry] of req.entries.entries()) {
    const c = await comparisonModel(state, entry);
    const t0 = performance.now();
    const images = await sampleBatch(req.urls, c.preprocessing, (f, label) => progress((i + 0.3 * f) / n, { key: 'compare.ofModel', values: { model: entry.title, what: label } }));
    progress((i + 0.3) / n, { key: 'compare.ofModel', values: { model: entry.title, what: { key: 'erf.gradients', values: { images: req.urls.length } } } });
    try {
      const opts = { runOptions: { diffusivity: scaleFor(c, req.diffusivity) }, thresholds: ERF_THRESHOLDS };
      const e = await averageEffectiveReceptiveField(c.model, images, clampedStage(c, req.stage), opts);
      columns.push({ id: entry.id, title: entry.title, family: c.config.family, erf: erfResult(e, t0) });
    } finally {
      images.dispose();
    }
  }
  progress(1, { key: 'done' });
  return { columns };
}

/** After a lost device the comparison models' tensors are gone: forget them (they load again on the next request). */
export function dropComparisonModels(state: EngineState): void {
  for (const c of state.comparison.values()) {
    try {
      c.model.dispose();
    } catch (e) {
      console.warn('disposing a comparison model failed', e);
    }
  }
  state.comparison.clear();
}
