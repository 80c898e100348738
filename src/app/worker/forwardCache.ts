// The worker's forward cache: the captured forward pass of (model, input, diffusivity scale), shared by the prediction
// and every analysis of that input, so one slider step runs one forward. A small LRU: the entries of the last few
// keys stay (the slider's previous position, HcNet's multiplier-1 pass); older ones are disposed.
import * as tf from '@tensorflow/tfjs';
import { disposeCapture } from '../../engine/analysis';
import type { ForwardResult } from '../../engine/models/types';

/** Entries kept: the newest slider position and one more (the previous one, or the multiplier-1 pass HcNet's alpha uses). */
export const FORWARD_CACHE_ENTRIES = 2;

function disposeForward(r: ForwardResult): void {
  tf.dispose([r.logits, ...r.stages]);
  r.blocks.forEach(disposeCapture);
}

/**
 * Entries are used only inside one request and the worker runs requests one at a time (engineWorker.ts), so an
 * entry never goes while a handler reads it.
 */
export class ForwardCache {
  private readonly entries = new Map<string, ForwardResult>();

  constructor(private readonly limit = FORWARD_CACHE_ENTRIES) {}

  /** The cached pass of `key`, or `run()`'s, kept as the newest entry (the oldest beyond the limit is disposed). */
  get(key: string, run: () => ForwardResult): ForwardResult {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const result = run();
    this.entries.set(key, result);
    for (const [old, r] of this.entries) {
      if (this.entries.size <= this.limit) break;
      disposeForward(r);
      this.entries.delete(old);
    }
    return result;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Disposes every entry (a new model or input; a lost device). */
  clear(): void {
    for (const r of this.entries.values()) disposeForward(r);
    this.entries.clear();
  }
}
