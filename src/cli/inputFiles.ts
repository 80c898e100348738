// The command line's model inputs: images (JPEG, PNG; the model's preprocessing) and .npy files (NCHW float32,
// already normalised, used as is), given one by one or as folders (their images and .npy files, sorted by name).

import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Preprocessing } from '../engine/config';
import { InputError } from '../engine/errors';
import { preprocess } from '../engine/image/index';
import { MAX_NPY_FILE_BYTES } from '../engine/limits';
import { MIN_INPUT_SIDE } from '../engine/models/types';
import { decodeImage } from './imageFile';
import { readInputFile } from './modelFile';
import { NpyFileError, nchwToNhwc, readNpy } from './npy';

/** An image or .npy file larger than this is refused before reading. */
export const MAX_INPUT_BYTES = MAX_NPY_FILE_BYTES;
/** Most files one folder may contribute. */
export const MAX_FOLDER_FILES = 100_000;

const INPUT_EXTENSIONS = /\.(png|jpe?g|npy)$/i;

/** One input file as model input: NHWC [B,H,W,3] (B > 1 only for a .npy batch). */
export interface ModelInput {
  name: string;
  data: Float32Array;
  shape: [number, number, number, number];
}

/** The paths given, each folder replaced by its input files (not recursive; sorted by name). */
export function expandInputPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      throw new InputError(basename(path), 'cannot be read (no such file or folder?)', 'unreadable');
    }
    if (!isFolder) {
      out.push(path);
      continue;
    }
    const names = readdirSync(path).filter((n) => INPUT_EXTENSIONS.test(n)).sort();
    if (names.length === 0) throw new InputError(basename(path), 'the folder holds no .png, .jpg, .jpeg or .npy file', 'unreadable');
    if (names.length > MAX_FOLDER_FILES) throw new InputError(basename(path), `the folder holds ${names.length} inputs, over the ${MAX_FOLDER_FILES} limit`, 'too-large');
    out.push(...names.map((n) => join(path, n)));
  }
  return out;
}

/** Reads one input file: a .npy as is, an image through `preprocessing`. */
export function readModelInput(path: string, preprocessing: Preprocessing): ModelInput {
  const name = basename(path);
  const bytes = readInputFile(path, MAX_INPUT_BYTES);
  // decodeImage checks the resampling sizes (limits.ts) before decoding; preprocess names the file in its refusals.
  const input = name.toLowerCase().endsWith('.npy') ? nchwToNhwc(readNpy(bytes, name), name) : preprocess(decodeImage(bytes, name, preprocessing), preprocessing, name);
  if (input.shape[1] < MIN_INPUT_SIDE || input.shape[2] < MIN_INPUT_SIDE || input.shape[0] < 1) {
    throw new NpyFileError(name, `input [${input.shape}] is smaller than ${MIN_INPUT_SIDE}x${MIN_INPUT_SIDE} or empty`);
  }
  return { name, data: input.data, shape: input.shape };
}
