// The engine's state in the worker, one object handed to every handler: the loaded model, the image, the model input
// made from them (with the id results carry), the forward cache of that input, the passes run, the comparison
// view's own models, and the full-resolution request bookkeeping. Nothing else in the worker holds state.
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig, Preprocessing, WeightMap } from '../../engine/config';
import { EngineStateError } from '../../engine/errors';
import { preprocess, type RgbImage } from '../../engine/image';
import { stageScales } from '../../engine/models/diffusivityScale';
import type { BlockCapture, DiffusivityScale, ForwardResult, HeatModel } from '../../engine/models/types';
import { AnalysisInputError } from '../../engine/analysis/errors';
import { ForwardCache } from './forwardCache';
import { noPasses } from './countedModel';
import type { EngineMemory, ModelInfo, PassCounts } from './protocol';

export interface LoadedModel {
  /** The model as built, wrapped so that every pass is counted (countedModel.ts). */
  model: HeatModel;
  info: ModelInfo;
  /** Kept to rebuild the model after a lost device. */
  weights: WeightMap;
}

/** A bundled model loaded for the comparison view (never the page's model). */
export interface ComparisonModel {
  model: HeatModel;
  config: ModelConfig;
  preprocessing: Preprocessing;
}

export interface EngineState {
  loaded: LoadedModel | null;
  image: { rgba: RgbImage; name: string } | null;
  /** The model input of (image, model preprocessing); null until both are there. */
  input: tf.Tensor4D | null;
  /** Identifies the current model input (image x preprocessing); bumps whenever it changes. */
  inputId: number;
  forwards: ForwardCache;
  passes: PassCounts;
  /** The comparison view's own models (bundled entry id -> built model), apart from the page's model. */
  comparison: Map<string, ComparisonModel>;
  fullRes: {
    /** Bumped when a request arrives that makes a running full-resolution diffusion stale. */
    generation: number;
    /** Ticket of the newest fullResHeat request received (older queued ones are dropped unrun). */
    ticket: number;
  };
}

export function createEngineState(): EngineState {
  return { loaded: null, image: null, input: null, inputId: 0, forwards: new ForwardCache(), passes: noPasses(), comparison: new Map(), fullRes: { generation: 0, ticket: 0 } };
}

/** Re-makes the model input and empties the forward cache; a new id unless it is the same image and preprocessing
 *  (device-loss rebuild). */
export function rebuildInput(state: EngineState, sameInput = false): void {
  if (!sameInput) state.inputId++;
  state.forwards.clear();
  state.input?.dispose();
  state.input = null;
  const { image, loaded } = state;
  if (image && loaded) {
    const p = preprocess(image.rgba, loaded.info.preprocessing, image.name);
    state.input = tf.tensor4d(p.data, p.shape);
  }
}

export function needModel(state: EngineState): LoadedModel {
  if (!state.loaded) throw new EngineStateError('engine', 'no model is loaded');
  return state.loaded;
}

export function need(state: EngineState): { model: HeatModel; info: ModelInfo; x: tf.Tensor4D } {
  const { model, info } = needModel(state);
  if (!state.input) throw new EngineStateError('engine', 'no image is loaded');
  return { model, info, x: state.input };
}

/** Multiplier 1 on every stage (HcNet's alpha as trained). */
export function unitScale(info: ModelInfo): DiffusivityScale {
  return { global: 1, perStage: info.config.dims.map(() => 1) };
}

/**
 * The captured forward pass of the current input under `diffusivity`, from the cache: keyed by the model, the input
 * and the stage multipliers the scale resolves to (so equal products share a pass). Owned by the cache: never dispose it.
 */
export function cachedForward(state: EngineState, diffusivity: DiffusivityScale): ForwardResult {
  const { model, info, x } = need(state);
  const scales = stageScales(diffusivity, info.config.depths.length);
  const key = `${info.id}|${state.inputId}|${scales.join(',')}`;
  return state.forwards.get(key, () => model.forward(x, { diffusivity, capture: true }));
}

/** Block (stage, block)'s capture from the cached forward pass (owned by the cache). */
export function cachedBlock(state: EngineState, stage: number, block: number, diffusivity: DiffusivityScale): BlockCapture {
  const depths = needModel(state).info.config.depths;
  if (!Number.isInteger(stage) || stage < 0 || stage >= depths.length || !Number.isInteger(block) || block < 0 || block >= depths[stage]) {
    throw new AnalysisInputError(`no block ${stage}.${block} in a model with depths [${depths}]`);
  }
  const capture = cachedForward(state, diffusivity).blocks.find((c) => c.stage === stage && c.block === block);
  if (!capture) throw new AnalysisInputError(`the model captured no block ${stage}.${block}`);
  return capture;
}

/** Tensors alive in tfjs, the forward passes cached and run (leak checks and pass counts from tests). */
export function memory(state: EngineState): EngineMemory {
  return { numTensors: tf.memory().numTensors, backend: tf.getBackend(), cachedForwards: state.forwards.size, passes: { ...state.passes } };
}
