// What every model-running command (predict, erf, heat, spectrum) starts with: --model, --size, --backend,
// --weights, --post-norm/--pre-norm parsed the same way, the backend started, the file loaded and the model built.

import { MAX_INPUT_SIZE, MIN_INPUT_SIZE } from '../engine/limits';
import type { Preprocessing } from '../engine/config';
import { buildModel, type HeatModel } from '../engine/models/model';
import type { LoadedModelFile, LoadOptions } from '../engine/weights/index';
import { UsageError, flagInteger, flagString, type ParsedArgs } from './args';
import { loadModelFromDisk } from './modelFile';
import { postNormOption, weightsOption } from './options';
import { modelGmacs } from '../engine/backend/modelCost';
import { forceKernelRow, KERNEL_ROW_NAMES, kernelRowNamed } from '../engine/backend/kernelChoice';
import { initBackend, parseBackendChoice, type BackendChoice } from './tfBackend';

/** Valued and boolean flags of the model options (append a command's own). */
export const MODEL_VALUED_FLAGS = ['--model', '--size', '--backend', '--weights', '--kernel-row'];
export const MODEL_BOOLEAN_FLAGS = ['--post-norm', '--pre-norm'];

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
  /** --kernel-row: a row of the kernel-choice table run in place of the adapter's own (kernelChoice.ts). */
  kernelRow: string | undefined;
  load: LoadOptions;
}

/** --kernel-row's value, checked against the table's row names (a usage error lists them). */
function kernelRowOption(p: ParsedArgs): string | undefined {
  const name = flagString(p, '--kernel-row');
  if (name !== undefined && !kernelRowNamed(name)) throw new UsageError(`--kernel-row is one of ${KERNEL_ROW_NAMES.join(', ')} (got ${JSON.stringify(name)})`);
  return name;
}

/** Parses the model options (usage errors come before any file is read). */
export function modelOptions(p: ParsedArgs, command: string): ModelOptions {
  const path = flagString(p, '--model');
  if (!path) throw new UsageError(`${command} needs --model <file>`);
  return {
    path,
    size: flagInteger(p, '--size', MIN_INPUT_SIZE, MAX_INPUT_SIZE),
    backend: parseBackendChoice(flagString(p, '--backend')),
    kernelRow: kernelRowOption(p),
    load: { weights: weightsOption(p), postNorm: postNormOption(p) },
  };
}

/** Loads the model, starts the backend ('auto' weighs the model's cost, modelCost.ts), builds it (caller disposes `model`). */
export async function openCommandModel(o: ModelOptions): Promise<CommandModel> {
  const file = await loadModelFromDisk(o.path, o.load);
  const preprocessing = sizedPreprocessing(file.preprocessing, o.size);
  forceKernelRow(o.kernelRow ?? null);
  const backend = await initBackend(o.backend, modelGmacs(file.config, preprocessing.inputSize, preprocessing.inputSize));
  const model = buildModel(file.config, file.weights);
  return { file, model, preprocessing, backend };
}
