// Checks a WeightMap against the official state-dict spec of a config before anything is built.

import type { ModelConfig, WeightMap } from '../config';
import { ModelBuildError, type ShapeMismatch } from './errors';
import { neighbourCounts } from './neighbourCounts';
import { stateDictSpec } from '../stateDict';

/** A short human name of a config, for messages. */
export function describeConfig(config: ModelConfig): string {
  return `${config.family} dims [${config.dims.join(',')}] depths [${config.depths.join(',')}]`;
}

/** Throws ModelBuildError listing missing and unexpected keys, shape mismatches and bad values. */
export function validateWeights(config: ModelConfig, weights: WeightMap): void {
  let spec: Map<string, number[]>;
  try {
    spec = stateDictSpec(config);
  } catch (e) {
    throw new ModelBuildError(describeConfig(config), { problems: [`bad config: ${(e as Error).message}`] });
  }
  const missing: string[] = [];
  const mismatched: ShapeMismatch[] = [];
  const problems: string[] = [];
  for (const [name, expected] of spec) {
    const t = weights.get(name);
    if (!t) {
      missing.push(name);
      continue;
    }
    if (t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
      mismatched.push({ name, expected, actual: [...t.shape] });
      continue;
    }
    const size = expected.reduce((a, b) => a * b, 1);
    if (!(t.data instanceof Float32Array) || t.data.length !== size) {
      problems.push(`${name} holds ${t.data?.length ?? 0} values, shape needs ${size}`);
      continue;
    }
    if (!t.data.every(Number.isFinite)) {
      problems.push(`${name} holds non-finite values`);
      continue;
    }
    if (name.endsWith('.mean_num')) {
      // The official buffer is pool(ones)*9-1 at the train size; the engine recomputes it for every size,
      // so a file holding other values would silently disagree with PyTorch: reject it.
      const counts = neighbourCounts(expected[2], expected[3]);
      if (counts.some((v, i) => v !== t.data[i])) problems.push(`${name} is not the neighbour-count map`);
    }
  }
  const unexpected = [...weights.keys()].filter((k) => !spec.has(k));
  if (missing.length || unexpected.length || mismatched.length || problems.length) {
    throw new ModelBuildError(describeConfig(config), { missing, unexpected, mismatched, problems });
  }
}
