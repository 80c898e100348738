// `vheat inspect <file>`: family, config, parameter count, tensors, provenance (JSON).

import { countParameters } from '../engine/stateDict';
import { UsageError, parseArgs } from './args';
import { loadModelFromDisk } from './modelFile';
import { postNormOption, weightsOption } from './options';

export async function inspectCommand(argv: string[]): Promise<Record<string, unknown>> {
  const p = parseArgs(argv, ['--weights'], ['--post-norm', '--pre-norm']);
  if (p.positional.length !== 1) throw new UsageError('inspect takes one file');
  const m = await loadModelFromDisk(p.positional[0], { weights: weightsOption(p), postNorm: postNormOption(p) });
  return {
    file: p.positional[0],
    family: m.config.family,
    config: m.config,
    parameters: countParameters(m.config),
    tensors: [...m.weights].map(([name, t]) => ({ name, shape: t.shape })),
    labels: { count: m.labels.length, first: m.labels.slice(0, 5) },
    preprocessing: m.preprocessing,
    provenance: m.provenance,
  };
}
