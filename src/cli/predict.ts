// `vheat predict --model <file> [--size N] [--backend auto|cpu|wasm|webgpu] <image-or-.npy>...`
// JSON with the logits and top-5 of each input. A .npy is an NCHW float32 tensor already
// normalised (compared with PyTorch as is); an image gets the model's own preprocessing.

import * as tf from '@tensorflow/tfjs';
import { basename } from 'node:path';
import { preprocess } from '../engine/image/index';
import { buildModel } from '../engine/models/model';
import { MAX_INPUT_SIZE, MAX_NPY_FILE_BYTES, MIN_INPUT_SIZE } from '../engine/limits';
import { MIN_INPUT_SIDE } from '../engine/models/types';
import { UsageError, flagString, parseArgs } from './args';
import { decodeImage } from './imageFile';
import { loadModelFromDisk, readInputFile } from './modelFile';
import { NpyFileError, nchwToNhwc, readNpy } from './npy';
import { postNormOption, weightsOption } from './options';
import { initBackend, type BackendChoice } from './tfBackend';

/** Largest input file (an image or a .npy). */
const MAX_INPUT_BYTES = MAX_NPY_FILE_BYTES;

export interface Prediction {
  input: string;
  logits: number[];
  top5: { index: number; label: string; logit: number; probability: number }[];
}

export function topK(logits: number[], labels: string[], k: number): Prediction['top5'] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return logits
    .map((logit, index) => ({ index, label: labels[index] ?? `class ${index}`, logit, probability: exps[index] / sum }))
    .sort((a, b) => b.logit - a.logit || a.index - b.index)
    .slice(0, k);
}

export async function predictCommand(argv: string[]): Promise<Record<string, unknown>> {
  const p = parseArgs(argv, ['--model', '--size', '--backend', '--weights'], ['--post-norm', '--pre-norm']);
  const modelPath = flagString(p, '--model');
  if (!modelPath) throw new UsageError('predict needs --model <file>');
  if (p.positional.length === 0) throw new UsageError('predict needs at least one image or .npy input');
  const sizeText = flagString(p, '--size');
  const size = sizeText === undefined ? undefined : Number(sizeText);
  if (size !== undefined && !(Number.isInteger(size) && size >= MIN_INPUT_SIZE && size <= MAX_INPUT_SIZE)) {
    throw new UsageError(`--size is an integer from ${MIN_INPUT_SIZE} to ${MAX_INPUT_SIZE}`);
  }
  const backendChoice = (flagString(p, '--backend') ?? 'auto') as BackendChoice;
  if (!['auto', 'cpu', 'wasm', 'webgpu'].includes(backendChoice)) throw new UsageError('--backend is auto, cpu, wasm or webgpu');

  const backend = await initBackend(backendChoice);
  const m = await loadModelFromDisk(modelPath, { weights: weightsOption(p), postNorm: postNormOption(p) });
  // --size keeps the model's resize/crop ratio (ImageNet: int(256/224 * S)) and everything else.
  const prep = size === undefined ? m.preprocessing : { ...m.preprocessing, inputSize: size, resizeTo: Math.floor((size * m.preprocessing.resizeTo) / m.preprocessing.inputSize) };
  const model = buildModel(m.config, m.weights);
  const results: Prediction[] = [];
  try {
    for (const path of p.positional) {
      const name = basename(path);
      const bytes = readInputFile(path, MAX_INPUT_BYTES);
      const input = name.toLowerCase().endsWith('.npy') ? nchwToNhwc(readNpy(bytes, name), name) : preprocess(decodeImage(bytes, name, prep), prep, name);
      if (input.shape[1] < MIN_INPUT_SIDE || input.shape[2] < MIN_INPUT_SIDE || input.shape[0] < 1) {
        throw new NpyFileError(name, `input [${input.shape}] is smaller than ${MIN_INPUT_SIDE}x${MIN_INPUT_SIDE} or empty`);
      }
      const x = tf.tensor4d(input.data, input.shape);
      const logits = model.predict(x);
      const values = Array.from(await logits.data());
      tf.dispose([x, logits]);
      const classes = m.config.numClasses;
      for (let b = 0; b < input.shape[0]; b++) {
        const row = values.slice(b * classes, (b + 1) * classes);
        results.push({ input: input.shape[0] > 1 ? `${name}#${b}` : name, logits: row, top5: topK(row, m.labels, 5) });
      }
    }
  } finally {
    model.dispose();
  }
  return { model: basename(modelPath), family: m.config.family, backend, preprocessing: prep, results };
}
