// Plausible random weights for any config (seeded): activations stay O(1) through the network, norms are
// near identity, vHeat diffusivities k are positive and of order 1 so the heat operator visibly smooths,
// HcNet's mean_num buffer holds the true neighbour counts. Used by tests, benchmarks and the app demo.

import type { ModelConfig, NamedTensor, WeightMap } from '../config';
import { SeededRandom } from './seededRandom';
import { neighbourCounts } from './neighbourCounts';
import { stateDictSpec } from '../stateDict';

function product(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** (pi n / H)^2 + (pi m / W)^2 as the official get_decay_map computes its exponent, row-major [H,W]. */
function squaredFrequencyGrid(h: number, w: number): Float64Array {
  const out = new Float64Array(h * w);
  for (let n = 0; n < h; n++) for (let m = 0; m < w; m++) out[n * w + m] = ((Math.PI * n) / h) ** 2 + ((Math.PI * m) / w) ** 2;
  return out;
}

function initFor(name: string, shape: number[], rng: SeededRandom): Float32Array {
  const n = product(shape);
  const leaf = name.slice(name.lastIndexOf('.') + 1);
  if (leaf === 'gamma1' || leaf === 'gamma2') return rng.normals(n, 0.05, 0.3);
  // Every 1-D `.weight` of both families is a norm's scale (conv and linear weights have >= 2 dims).
  if (leaf === 'weight' && shape.length === 1) return rng.normals(n, 0.1, 1);
  if (name.endsWith('op.to_k.0.bias')) {
    // Positive pre-activation so ReLU(to_k(freq)) = k is mostly > 0 and of order 1.
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = 0.3 + 0.7 * rng.uniform();
    return out;
  }
  if (leaf === 'bias') return rng.normals(n, 0.02);
  if (/^freq_embed\.\d+$/.test(name)) return rng.normals(n, 0.3);
  // Weights: fan-in scaled (variance preserving); depthwise fan-in is its 3x3 window.
  const fanIn = shape.length >= 2 ? product(shape.slice(1)) : shape[0];
  return rng.normals(n, 1 / Math.sqrt(fanIn));
}

/**
 * Inference-mode k_exp for a block: E = exp(-(w_n^2 + w_m^2) * k) with k = ReLU(to_k(freq)) drawn the same
 * way as the training-mode weights would be, so an inference-mode model looks like an infer_init() export.
 */
function decayFor(shape: number[], rng: SeededRandom): Float32Array {
  const [r, , c] = shape;
  const freq = rng.normals(r * r * c, 0.3);
  const w = rng.normals(c * c, 1 / Math.sqrt(c));
  const b = new Float32Array(c);
  for (let i = 0; i < c; i++) b[i] = 0.3 + 0.7 * rng.uniform();
  const grid = squaredFrequencyGrid(r, r);
  const out = new Float32Array(r * r * c);
  for (let p = 0; p < r * r; p++) {
    for (let o = 0; o < c; o++) {
      let acc = b[o];
      for (let i = 0; i < c; i++) acc += w[o * c + i] * freq[p * c + i];
      out[p * c + o] = Math.exp(-grid[p] * Math.max(acc, 0));
    }
  }
  return out;
}

/** Plausible random weights for a config (seeded): norms near identity, k > 0 meaningful. */
export function randomWeights(config: ModelConfig, seed: number): WeightMap {
  const rng = new SeededRandom(seed);
  const weights: WeightMap = new Map();
  for (const [name, shape] of stateDictSpec(config)) {
    let data: Float32Array;
    if (name.endsWith('.mean_num')) data = neighbourCounts(shape[2], shape[3]);
    else if (name.endsWith('.op.k_exp')) data = decayFor(shape, rng);
    else data = initFor(name, shape, rng);
    const t: NamedTensor = { shape: [...shape], data };
    weights.set(name, t);
  }
  return weights;
}
