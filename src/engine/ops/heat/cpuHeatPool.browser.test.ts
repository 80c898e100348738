// The CPU heat pool on real threads (module workers, SharedArrayBuffer: the gpu project's page is cross-origin
// isolated, as the playground is): the fast heat step split over the caller and its helpers gives the one-thread
// step bit for bit, the helpers really take their shares, and the tfjs kernel of the CPU path goes through it.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heatConductionFast } from './cpuHeatFast';
import { cpuHeatPoolHelperUnits, cpuHeatPoolThreads, heatConductionPooled, startCpuHeatPool, stopCpuHeatPool, useCpuHeatPool } from './cpuHeatPool';
import { runHeatKernel } from './heatKernel';
import { seededRandom, testSeed, uniformArray } from '../testing/testRandom';

const rand = seededRandom(testSeed('cpuHeatPool'));

function oneThread(phi: Float32Array, shape: number[], rate: Float32Array, scale: number): Float32Array {
  const out = new Float32Array(phi.length);
  heatConductionFast(phi, shape, rate, scale, out);
  return out;
}

describe('the CPU heat pool', () => {
  beforeAll(async () => {
    // Three helpers, more threads than this machine may have cores: the split must not care.
    expect(await startCpuHeatPool(3)).toBe(4);
  });
  afterAll(() => stopCpuHeatPool());

  it('gives the one-thread step bit for bit, with every helper working (batch 2, odd and Bluestein sides)', () => {
    for (const shape of [[2, 131, 97, 3], [1, 256, 200, 5], [1, 3, 41, 2]]) {
      const [b, h, w, c] = shape;
      const phi = uniformArray(rand, b * h * w * c, -1, 1);
      const rate = uniformArray(rand, h * w * c, 0, 4);
      const scale = 0.1 + rand();
      const before = cpuHeatPoolHelperUnits();
      const out = new Float32Array(phi.length);
      expect(heatConductionPooled(phi, shape, rate, scale, out)).toBe(true);
      expect(out).toEqual(oneThread(phi, shape, rate, scale));
      // Per image: row pairs twice and column tiles once, of which share 0 (this thread) did its part.
      const units = (k0: number, all: number) => all - k0;
      const pairs = Math.ceil(h / 2);
      const tiles = Math.ceil(w / 16);
      const helperUnits = b * (2 * units(Math.ceil(pairs / 4), pairs) + units(Math.ceil(tiles / 4), tiles));
      expect(cpuHeatPoolHelperUnits() - before).toBe(helperUnits);
    }
  });

  it('runs the CPU path kernel (tfjs-wasm) on its threads, and steps aside when set aside or stopped', async () => {
    setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
    expect(await tf.setBackend('wasm')).toBe(true);
    const [h, w, c] = [160, 128, 3];
    const phiData = uniformArray(rand, h * w * c, -1, 1);
    const rateData = uniformArray(rand, h * w * c, 0, 3);
    const phi = tf.tensor4d(phiData, [1, h, w, c]);
    const rate = tf.tensor3d(rateData, [h, w, c]);
    const expected = oneThread(phiData, [1, h, w, c], rateData, 0.5);
    const run = () => {
      const before = cpuHeatPoolHelperUnits();
      const out = runHeatKernel(phi, rate, 0.5, 'fast');
      const values = out.dataSync() as Float32Array;
      out.dispose();
      expect(values).toEqual(expected);
      return cpuHeatPoolHelperUnits() - before;
    };
    expect(run()).toBeGreaterThan(0);
    useCpuHeatPool(false);
    expect(cpuHeatPoolThreads()).toBe(1);
    expect(run()).toBe(0);
    useCpuHeatPool(true);
    expect(cpuHeatPoolThreads()).toBe(4);
    stopCpuHeatPool();
    expect(heatConductionPooled(phiData, [1, h, w, c], rateData, 0.5, new Float32Array(phiData.length))).toBe(false);
    expect(run()).toBe(0);
    tf.dispose([phi, rate]);
  });
});
