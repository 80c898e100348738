// `vheat erf`: the effective receptive field of a stage position, averaged over every input image (each image of
// a .npy batch counts once), written as float32 [H, W] .npy (g = sum over RGB of |d(sum_c Y[c, p]) / dX|), with its
// area ratios, maximum and sizes as JSON on stdout; --png draws log10(1 + g) / max as the page does.

import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ErfAverager, type ContributionRule } from '../engine/analysis/index';
import { stageSize } from '../engine/config';
import { InputError } from '../engine/errors';
import { UsageError, flagInteger, flagString, parseArgs } from './args';
import { diffusivityOption, outputOption, pointOption, stageOption } from './analysisOptions';
import { MODEL_BOOLEAN_FLAGS, MODEL_VALUED_FLAGS, modelOptions, openCommandModel } from './commandModel';
import { expandInputPaths, readModelInput, type ModelInput } from './inputFiles';
import { mapPng } from './mapPng';
import { writeNpy } from './npyWrite';
import { progressLine } from './progress';
import { shownNumber } from '../engine/numbering';
import { checkBudget, modelWorkEstimate } from '../engine/budget';

const ERF_FLAGS = ['--stage', '--point', '--diffusivity', '--diffusivity-stage', '--rule', '-o', '--output', '--png', '--batch'];

function ruleOption(text: string | undefined): ContributionRule {
  const rule = text ?? 'abs';
  if (rule !== 'abs' && rule !== 'relu') throw new UsageError('--rule is abs or relu');
  return rule;
}

/** Adds every image of one input file to the average, `batch` images per gradient. */
function addInput(averager: ErfAverager, input: ModelInput, batch: number): void {
  const [n, h, w, c] = input.shape;
  for (let start = 0; start < n; start += batch) {
    const size = Math.min(batch, n - start);
    const x = tf.tensor4d(input.data.subarray(start * h * w * c, (start + size) * h * w * c), [size, h, w, c]);
    try {
      averager.add(x);
    } finally {
      x.dispose();
    }
  }
}

export async function erfCommand(argv: string[]): Promise<Record<string, unknown>> {
  const p = parseArgs(argv, [...MODEL_VALUED_FLAGS, ...ERF_FLAGS], MODEL_BOOLEAN_FLAGS);
  if (p.positional.length === 0) throw new UsageError('erf needs at least one image, .npy or folder');
  const output = outputOption(p, 'erf');
  const png = flagString(p, '--png');
  const rule = ruleOption(flagString(p, '--rule'));
  const batch = flagInteger(p, '--batch', 1, 256) ?? 1;
  const options = modelOptions(p, 'erf');
  const paths = expandInputPaths(p.positional);
  const { file, model, preprocessing, backend } = await openCommandModel(options);
  try {
    const stage = stageOption(p, file.config);
    const diffusivity = diffusivityOption(p, file.config);
    const first = readModelInput(paths[0], preprocessing);
    const [, height, width] = first.shape;
    const stageHeight = stageSize(height, stage);
    const stageWidth = stageSize(width, stage);
    const point = pointOption(p, stageHeight, stageWidth);
    // The ERF's gradients are sized before any runs, naming the first input (every input has its size).
    checkBudget(first.name, `an ERF of one ${height}x${width} input (gradients)`, modelWorkEstimate(model.config, 1, height, width, 'gradient', backend === 'webgpu'));
    const averager = new ErfAverager(model, stage, point, height, width, { runOptions: { diffusivity }, rule });
    const progress = progressLine('erf', 'files');
    try {
      for (let i = 0; i < paths.length; i++) {
        const input = i === 0 ? first : readModelInput(paths[i], preprocessing);
        if (input.shape[1] !== height || input.shape[2] !== width) {
          throw new InputError(input.name, `is ${input.shape[1]}x${input.shape[2]} after preprocessing, the first input ${height}x${width}: an average needs one size`, 'mismatch');
        }
        addInput(averager, input, batch);
        progress.update(i + 1, paths.length);
      }
      const e = await averager.finish();
      writeNpy(output, [e.height, e.width], e.contribution);
      if (png) writeFileSync(png, mapPng(e.display, e.height, e.width));
      return {
        model: basename(options.path),
        family: file.config.family,
        backend,
        stage: shownNumber(stage),
        stageSize: [stageHeight, stageWidth],
        point: e.stagePosition,
        imagePosition: e.imagePosition,
        inputSize: [height, width],
        inputs: e.images,
        files: paths.length,
        rule,
        diffusivity,
        maxContribution: e.maxContribution,
        areaRatios: e.areaRatios.map((a) => ({ threshold: a.threshold, areaRatio: a.areaRatio, halfSide: a.halfSide, heldFraction: a.heldFraction })),
        output,
        ...(png ? { png } : {}),
      };
    } finally {
      progress.end();
      averager.dispose();
    }
  } finally {
    model.dispose();
  }
}
