// The CPU pool on real threads (module workers, SharedArrayBuffer: the gpu project's page is cross-origin isolated, as
// the playground is): the engine's CPU kernels split over the caller and its helpers give the one-thread results bit
// for bit, the helpers really take their shares, tfjs-wasm's tensors are used in place on its shared heap, and the
// kernels step aside when the pool is set aside or stopped.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heatConductionFast } from '../heat/cpuHeatFast';
import { runHeatKernel } from '../heat/heatKernel';
import { geluErfRows } from '../gelu/geluErfRows';
import { geluExact } from '../gelu/geluExact';
import { channelLayerNorm } from '../norm/channelLayerNorm';
import { channelLayerNormRows } from '../norm/channelLayerNormCpuKernel';
import { cpuPoolHelperUnits, cpuPoolThreads, useCpuPool } from './cpuPool';
import { heatConductionPooled, poolUsesHeapInPlace, POOLED_MIN_VALUES, startPooledKernels, stopPooledKernels } from './pooledKernels';
import { seededRandom, testSeed, uniformArray } from '../testing/testRandom';

const rand = seededRandom(testSeed('cpuPool'));

function oneThread(phi: Float32Array, shape: number[], rate: Float32Array, scale: number): Float32Array {
  const out = new Float32Array(phi.length);
  heatConductionFast(phi, shape, rate, scale, out);
  return out;
}

/** Runs f and returns the units of work the helpers did meanwhile. */
function helperUnitsOf(f: () => void): number {
  const before = cpuPoolHelperUnits();
  f();
  return cpuPoolHelperUnits() - before;
}

describe('the CPU pool', () => {
  beforeAll(async () => {
    setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
    expect(await tf.setBackend('wasm')).toBe(true);
    // Four threads in all, more than this machine may have cores: the split must not care.
    expect(await startPooledKernels(4)).toBe(4);
    // tfjs-wasm runs threaded here, so its heap is shared memory and the kernels work on it in place.
    expect(poolUsesHeapInPlace()).toBe(true);
  });
  afterAll(() => stopPooledKernels());

  it('runs the heat step on plain arrays (copied in) bit for bit, every helper working (batch 2, odd and Bluestein sides)', () => {
    for (const shape of [[2, 131, 97, 3], [1, 256, 200, 5], [1, 3, 41, 2]]) {
      const [b, h, w, c] = shape;
      const phi = uniformArray(rand, b * h * w * c, -1, 1);
      const rate = uniformArray(rand, h * w * c, 0, 4);
      const scale = 0.1 + rand();
      const out = new Float32Array(phi.length);
      const units = helperUnitsOf(() => expect(heatConductionPooled(phi, shape, rate, scale, out)).toBe(true));
      expect(out).toEqual(oneThread(phi, shape, rate, scale));
      // Per image: row pairs twice and column tiles once, of which share 0 (this thread) did ceil(units / 4).
      const helpersOf = (all: number) => all - Math.ceil(all / 4);
      expect(units).toBe(b * (2 * helpersOf(Math.ceil(h / 2)) + helpersOf(Math.ceil(w / 16))));
    }
  });

  it('runs the heat kernel of the CPU path on tfjs-wasm tensors in place, bit for bit', () => {
    const [h, w, c] = [160, 128, 3];
    const phiData = uniformArray(rand, h * w * c, -1, 1);
    const rateData = uniformArray(rand, h * w * c, 0, 3);
    const expected = oneThread(phiData, [1, h, w, c], rateData, 0.5);
    const phi = tf.tensor4d(phiData, [1, h, w, c]);
    const rate = tf.tensor3d(rateData, [h, w, c]);
    let values: Float32Array = new Float32Array(0);
    expect(helperUnitsOf(() => {
      const out = runHeatKernel(phi, rate, 0.5, 'fast');
      values = out.dataSync() as Float32Array;
      out.dispose();
    })).toBeGreaterThan(0);
    expect(values).toEqual(expected);
    tf.dispose([phi, rate]);
  });

  it('runs the exact GELU and the channel LayerNorm on every thread, bit for bit, and small ones on this thread', () => {
    const [h, w, c] = [32, 32, 48]; // 49152 values: over POOLED_MIN_VALUES
    expect(h * w * c).toBeGreaterThanOrEqual(POOLED_MIN_VALUES);
    const xData = uniformArray(rand, h * w * c, -5, 5);
    const weightData = uniformArray(rand, c, 0.5, 1.5);
    const biasData = uniformArray(rand, c, -1, 1);
    const geluExpected = new Float32Array(xData.length);
    geluErfRows(xData, geluExpected);
    const normExpected = new Float32Array(xData.length);
    channelLayerNormRows(xData, weightData, biasData, 1e-6, normExpected);
    const x = tf.tensor4d(xData, [1, h, w, c]);
    const [weight, bias] = [tf.tensor1d(weightData), tf.tensor1d(biasData)];
    const read = (t: tf.Tensor) => {
      const v = t.dataSync() as Float32Array;
      t.dispose();
      return v;
    };
    let gelu: Float32Array = new Float32Array(0);
    let norm: Float32Array = new Float32Array(0);
    expect(helperUnitsOf(() => void (gelu = read(geluExact(x))))).toBeGreaterThan(0);
    expect(helperUnitsOf(() => void (norm = read(channelLayerNorm(x, weight, bias, 1e-6))))).toBeGreaterThan(0);
    expect(gelu).toEqual(geluExpected);
    expect(norm).toEqual(normExpected);
    const small = tf.slice(x, [0, 0, 0, 0], [1, 4, 4, c]);
    expect(helperUnitsOf(() => void read(geluExact(small)))).toBe(0);
    tf.dispose([x, weight, bias, small]);
  });

  it('abandons a start that is stopped or overtaken before its helpers are ready', async () => {
    const stopped = startPooledKernels(3);
    stopPooledKernels();
    expect(await stopped).toBe(1);
    expect(cpuPoolThreads()).toBe(1);
    const overtaken = startPooledKernels(2);
    const latest = startPooledKernels(4);
    expect(await overtaken).toBe(1);
    expect(await latest).toBe(4);
    expect(cpuPoolThreads()).toBe(4);
  });

  it('steps aside when set aside, and when stopped', async () => {
    const phi = uniformArray(rand, 128 * 128 * 3, -1, 1);
    const rate = uniformArray(rand, 128 * 128 * 3, 0, 3);
    const x = tf.tensor4d(uniformArray(rand, 64 * 64 * 16, -1, 1), [1, 64, 64, 16]);
    useCpuPool(false);
    expect(cpuPoolThreads()).toBe(1);
    expect(heatConductionPooled(phi, [1, 128, 128, 3], rate, 0.5, new Float32Array(phi.length))).toBe(false);
    expect(helperUnitsOf(() => geluExact(x).dispose())).toBe(0);
    useCpuPool(true);
    expect(cpuPoolThreads()).toBe(4);
    stopPooledKernels();
    expect(cpuPoolThreads()).toBe(1);
    expect(heatConductionPooled(phi, [1, 128, 128, 3], rate, 0.5, new Float32Array(phi.length))).toBe(false);
    const y = geluExact(x);
    const expected = new Float32Array(x.size);
    geluErfRows(x.dataSync() as Float32Array, expected);
    expect(y.dataSync()).toEqual(expected);
    tf.dispose([x, y]);
    expect(await startPooledKernels(4)).toBe(4);
  });
});
