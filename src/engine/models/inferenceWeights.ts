// The official `model.infer_init()` on a WeightMap: a training-mode vHeat (freq_embed + to_k) becomes an
// inference-mode one (op.k_exp = exp(-(w_n^2 + w_m^2) * ReLU(to_k(freq_embed.i))) at the train size).

import type { VHeatConfig, WeightMap } from '../config';
import { stateDictSpec } from '../stateDict';
import { InternalError } from '../errors';

/** Converts training-mode vHeat weights to inference-mode weights (computed in float64, stored float32). */
export function toInferenceMode(config: VHeatConfig, weights: WeightMap): { config: VHeatConfig; weights: WeightMap } {
  if (config.inferenceMode) throw new InternalError('weights are already in inference mode');
  const out: VHeatConfig = { ...config, inferenceMode: true };
  const result: WeightMap = new Map();
  for (const [name, shape] of stateDictSpec(out)) {
    const m = /^layers\.(\d+)\.(\d+)\.op\.k_exp$/.exec(name);
    if (!m) {
      const t = weights.get(name);
      if (!t) throw new InternalError(`weight ${name} is missing`);
      result.set(name, t);
      continue;
    }
    const [r0, r1, c] = shape;
    const freq = weights.get(`freq_embed.${m[1]}`);
    const w = weights.get(`layers.${m[1]}.${m[2]}.op.to_k.0.weight`);
    const b = weights.get(`layers.${m[1]}.${m[2]}.op.to_k.0.bias`);
    if (!freq || !w || !b) throw new InternalError(`freq_embed / to_k of block ${m[1]}.${m[2]} missing`);
    const data = new Float32Array(r0 * r1 * c);
    for (let n = 0; n < r0; n++) {
      for (let mm = 0; mm < r1; mm++) {
        const w2 = ((Math.PI * n) / r0) ** 2 + ((Math.PI * mm) / r1) ** 2;
        const p = n * r1 + mm;
        for (let o = 0; o < c; o++) {
          let acc = b.data[o];
          for (let i = 0; i < c; i++) acc += w.data[o * c + i] * freq.data[p * c + i];
          data[p * c + o] = Math.exp(-w2 * Math.max(acc, 0));
        }
      }
    }
    result.set(name, { shape: [...shape], data });
  }
  return { config: out, weights: result };
}
