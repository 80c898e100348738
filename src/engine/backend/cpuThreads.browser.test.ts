// The CPU path's thread pool in a cross-origin isolated page (the gpu project sends COOP/COEP, as the playground
// does): startWasmPool must give tfjs-wasm every core it asks for, past tfjs's own half-the-cores cap.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { cpuPathThreads, startWasmPool } from './cpuThreads';

describe('startWasmPool', () => {
  it('starts tfjs-wasm with one thread per logical core (up to 8) and leaves navigator as it was', async () => {
    expect(globalThis.crossOriginIsolated).toBe(true);
    const cores = navigator.hardwareConcurrency;
    setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
    let seenDuringStart = 0;
    const started = await startWasmPool(cpuPathThreads(cores, 'all'), async () => {
      seenDuringStart = navigator.hardwareConcurrency;
      return tf.setBackend('wasm');
    });
    expect(started).toBe(true);
    const threads = Math.min(8, cores);
    expect(seenDuringStart).toBe(2 * threads);
    // tfjs alone would give min(8, floor(cores / 2)): on 2+ cores this is the difference the shim makes.
    expect(getThreadsCount()).toBe(threads);
    expect(navigator.hardwareConcurrency).toBe(cores);
    expect(Object.getOwnPropertyDescriptor(navigator, 'hardwareConcurrency')).toBeUndefined();
    // The pool computes: a matMul on the threaded backend gives the CPU's answer.
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    expect(Array.from(await tf.matMul(a, a).data())).toEqual([7, 10, 15, 22]);
  });
});
