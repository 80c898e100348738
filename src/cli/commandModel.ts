// What every model-running command (predict, erf, heat, spectrum) starts with: --model, --size, --backend,
// --weights, --post-norm/--pre-norm parsed the same way, the backend started, the file loaded and the model built.

import {
  DEFAULT_MEMORY_BUDGET_BYTES, DEFAULT_TIME_BUDGET_S, MAX_INPUT_SIZE, MAX_MEMORY_BUDGET_BYTES, MAX_TIME_BUDGET_S, MIN_INPUT_SIZE,
} from '../engine/limits';
import { setResourceBudget } from '../engine/budget';
import type { Preprocessing } from '../engine/config';
import { buildModel, type HeatModel } from '../engine/models/model';
import type { LoadedModelFile, LoadOptions } from '../engine/weights/index';
import { UsageError, flagInteger, flagString, type ParsedArgs } from './args';
import { loadModelFromDisk } from './modelFile';
import { postNormOption, weightsOption } from './options';
import { modelGmacs } from '../engine/backend/modelCost';
import { initBackend, parseBackendChoice, type BackendChoice } from './tfBackend';

/** Valued and boolean flags of the model options (append a command's own). */
export const MODEL_VALUED_FLAGS = ['--model', '--size', '--backend', '--weights', '--memory-budget', '--time-budget'];
export const MODEL_BOOLEAN_FLAGS = ['--post-norm', '--pre-norm', '--verbose'];

export interface CommandModel {
  file: LoadedModelFile;
  model: HeatModel;
  /** The model's preprocessing, with --size applied. */
  preprocessing: Preprocessing;
  backend: string;
}

/** --size keeps the model's resize/crop ratio (ImageNet: int(256/224 * S)) and everything else. */
export function sizedPreprocessing(base: Preprocessing, size: number | undefined): Preprocessing {
  if (size === undefined) return base;
  return { ...base, inputSize: size, resizeTo: Math.floor((size * base.resizeTo) / base.inputSize) };
}

export interface ModelOptions {
  path: string;
  size: number | undefined;
  backend: BackendChoice;
  load: LoadOptions;
  /** --verbose: say on stderr why the backend was chosen. */
  verbose: boolean;
}

/** --memory-budget MB and --time-budget S: the resource budget every check reads (src/engine/budget.ts). */
export function budgetOptions(p: ParsedArgs): void {
  const memoryMb = flagInteger(p, '--memory-budget', 16, MAX_MEMORY_BUDGET_BYTES / 1024 ** 2);
  const seconds = flagInteger(p, '--time-budget', 1, MAX_TIME_BUDGET_S);
  // Every command starts from the defaults (an earlier in-process call's budget never carries over).
  setResourceBudget({ memoryBytes: (memoryMb ?? DEFAULT_MEMORY_BUDGET_BYTES / 1024 ** 2) * 1024 ** 2, seconds: seconds ?? DEFAULT_TIME_BUDGET_S });
}

/** Parses the model options (usage errors come before any file is read). */
export function modelOptions(p: ParsedArgs, command: string): ModelOptions {
  const path = flagString(p, '--model');
  if (!path) throw new UsageError(`${command} needs --model <file>`);
  budgetOptions(p);
  return {
    path,
    size: flagInteger(p, '--size', MIN_INPUT_SIZE, MAX_INPUT_SIZE),
    backend: parseBackendChoice(flagString(p, '--backend')),
    load: { weights: weightsOption(p), postNorm: postNormOption(p) },
    verbose: p.flags.has('--verbose'),
  };
}

/** Loads the model, starts the backend ('auto' weighs the model's cost, modelCost.ts), builds it (caller disposes `model`). */
export async function openCommandModel(o: ModelOptions): Promise<CommandModel> {
  const file = await loadModelFromDisk(o.path, o.load);
  const preprocessing = sizedPreprocessing(file.preprocessing, o.size);
  const backend = await initBackend(o.backend, modelGmacs(file.config, preprocessing.inputSize, preprocessing.inputSize), o.verbose);
  const model = buildModel(file.config, file.weights);
  return { file, model, preprocessing, backend };
}
