// A PyTorch anchor (fixtures/parity/vheat-t-224-anchor.json, written by tools/python/make_anchor.py): the logits the
// project's PyTorch reference (tools/python/heatnets) computes on the engine's own random weights and seeded input
// (seededModels.ts), with digests of those numbers so a change of randomWeights.ts shows as a stale anchor, not as a
// parity failure. Read here, compared by maxRelativeError (the tolerance every parity test uses) and the top-5.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { VHeatConfig, WeightMap } from '../../src/engine/config';
import { maxRelativeError } from '../../src/engine/ops/testing/relativeError';

export const VHEAT_T_224_ANCHOR = 'fixtures/parity/vheat-t-224-anchor.json';

export interface Anchor {
  model: string;
  config: VHeatConfig;
  weightSeed: number;
  inputSeed: number;
  input: string;
  /** sha256 of every weight's float32 little-endian bytes in state-dict order, and of the input's. */
  weightsSha256: string;
  inputSha256: string;
  logits: number[];
  top5: number[];
  torch: string;
  command: string;
}

/** The anchor file, its logits length checked against its class count. */
export function readAnchor(path: string): Anchor {
  const anchor = JSON.parse(readFileSync(path, 'utf8')) as Anchor;
  if (!Array.isArray(anchor.logits) || anchor.logits.length !== anchor.config.numClasses) {
    throw new TypeError(`${path}: ${anchor.logits?.length} logits for ${anchor.config?.numClasses} classes`);
  }
  return anchor;
}

/** The five largest logits' indices, largest first. */
export const top5 = (logits: ArrayLike<number>): number[] =>
  Array.from({ length: logits.length }, (_, i) => i).sort((a, b) => logits[b] - logits[a]).slice(0, 5);

/** sha256 (hex) of the arrays' float32 little-endian bytes, one after another (make_anchor.py hashes the same way). */
export function float32Sha256(arrays: Iterable<Float32Array>): string {
  const hash = createHash('sha256');
  for (const a of arrays) hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return hash.digest('hex');
}

export const weightsSha256 = (weights: WeightMap): string => float32Sha256(Array.from(weights.values(), (t) => t.data));

/** Logits against the anchor: maxRelativeError (max |diff| / max |PyTorch logit|) and PyTorch's top-5. */
export function compareWithAnchor(logits: ArrayLike<number>, anchor: Anchor): { vsAnchor: number; anchorTop5: number[] } {
  return { vsAnchor: maxRelativeError(logits, anchor.logits), anchorTop5: anchor.top5 };
}
