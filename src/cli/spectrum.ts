// `vheat spectrum`: a vHeat block's learned diffusivity k over frequencies (rows n = vertical, columns m = horizontal
// frequency) at the stage size of the model's input (or --size): float32 [h, w, C] .npy, or with --mean the channel
// mean [h, w] the page draws.

import { basename } from 'node:path';
import { diffusivitySpectrum, valueRange } from '../engine/analysis/index';
import { stageSize } from '../engine/config';
import { InputError } from '../engine/errors';
import { requireHeatConfig } from '../engine/models/heatFamily';
import { UsageError, parseArgs } from './args';
import { blockOption, outputOption, stageOption } from './analysisOptions';
import { MODEL_BOOLEAN_FLAGS, MODEL_VALUED_FLAGS, modelOptions, openCommandModel } from './commandModel';
import { writeNpy } from './npyWrite';
import { shownNumber } from '../engine/numbering';

export async function spectrumCommand(argv: string[]): Promise<Record<string, unknown>> {
  const p = parseArgs(argv, [...MODEL_VALUED_FLAGS, '--stage', '--block', '-o', '--output'], [...MODEL_BOOLEAN_FLAGS, '--mean']);
  if (p.positional.length > 0) throw new UsageError(`spectrum takes no input files (got ${JSON.stringify(p.positional[0])}): k depends on the weights only`);
  const output = outputOption(p, 'spectrum');
  const mean = p.flags.has('--mean');
  const options = modelOptions(p, 'spectrum');
  const modelPath = options.path;
  const { file, model, preprocessing, backend } = await openCommandModel(options);
  try {
    requireHeatConfig(file.config, 'vheat spectrum');
    const stage = stageOption(p, file.config);
    const block = blockOption(p, file.config, stage);
    const height = stageSize(preprocessing.inputSize, stage);
    const width = height;
    let shape: number[];
    let data: Float32Array;
    let range: [number, number];
    if (mean) {
      const s = await diffusivitySpectrum(model, stage, block, { height, width }, { kind: 'mean' }, 'k');
      if (!s) throw new InputError(basename(modelPath), 'an HcNet has no learned diffusivity k (its alpha depends on the input: see vheat heat)', 'unsupported');
      shape = [height, width];
      data = s.data;
      range = s.range;
    } else {
      const k = model.diffusivity(stage, block, height, width);
      if (!k) throw new InputError(basename(modelPath), 'an HcNet has no learned diffusivity k (its alpha depends on the input: see vheat heat)', 'unsupported');
      try {
        shape = k.shape;
        data = (await k.data()) as Float32Array;
      } finally {
        k.dispose();
      }
      range = valueRange(data);
    }
    writeNpy(output, shape, data);
    return {
      model: basename(modelPath), family: file.config.family, backend, stage: shownNumber(stage), block: shownNumber(block), inputSize: preprocessing.inputSize,
      quantity: 'k', view: mean ? 'channel mean' : 'per channel', shape, range, output,
    };
  } finally {
    model.dispose();
  }
}
