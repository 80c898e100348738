// The shared op plumbing in Node on the tfjs 'cpu' backend: the implementation choice and the uniform table.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineKernel, runsKernel } from './defineKernel';
import { denseKernel } from './dense/denseKernel';
import { geluErfKernel } from './gelu/geluCpuKernel';
import { uniformTable } from './webgpuProgram';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('runsKernel', () => {
  it("'auto' takes the kernel where the backend has it and the input is float32", () => {
    expect(geluErfKernel.onActiveBackend()).toBe(true); // TypeScript pass on 'cpu'
    expect(denseKernel.onActiveBackend()).toBe(false); // WGSL only
    expect(runsKernel('gelu', 'auto', geluErfKernel, 'float32')).toBe(true);
    expect(runsKernel('gelu', 'auto', geluErfKernel, 'int32')).toBe(false);
    expect(runsKernel('dense', 'auto', denseKernel, 'float32')).toBe(false);
  });

  it("'tfjs' never takes it; 'kernel' insists and names the op and backend where there is none", () => {
    expect(runsKernel('gelu', 'tfjs', geluErfKernel, 'float32')).toBe(false);
    expect(runsKernel('gelu', 'kernel', geluErfKernel, 'float32')).toBe(true);
    expect(() => runsKernel('dense', 'kernel', denseKernel, 'float32')).toThrow("dense: impl 'kernel' has no kernel on the 'cpu' backend");
  });

  it('a defined kernel registers itself on first use and runs', () => {
    const y = geluErfKernel.run<tf.Tensor1D>({ x: tf.tensor1d([0, 1]) });
    expect(tf.getKernel(geluErfKernel.name, 'cpu')).toBeDefined();
    // gelu(0) = 0, gelu(1) = Phi(1) = 0.841344746: the kernel is within 1.5e-7 |u| (geluCpuKernel.ts), plus ~6e-8 of
    // float32 rounding; 3e-7 allows both.
    const [g0, g1] = y.dataSync();
    expect(g0).toBe(0);
    expect(Math.abs(g1 - 0.841344746)).toBeLessThan(3e-7);
  });

  it('a kernel defined without a gradient runs and registers none (the heat operator\'s DCT-only kernel)', () => {
    const doubled = defineKernel<'x'>({
      name: 'DefineKernelTestDouble',
      inputNames: ['x'],
      cpu: { outputShape: ([x]) => [...x.shape], run: ([x], _shapes, out) => x.forEach((v, i) => (out[i] = 2 * v)) },
    });
    expect(Array.from(doubled.run<tf.Tensor1D>({ x: tf.tensor1d([1, -3]) }).dataSync())).toEqual([2, -6]);
    expect(tf.getKernel(doubled.name, 'cpu')).toBeDefined();
    expect(tf.getGradient(doubled.name)).toBeUndefined();
  });
});

describe('uniformTable', () => {
  it('declares the uniforms in WGSL and gives their values in the same order, typed', () => {
    const table = uniformTable({ rows: 'i32', eps: 'f32', cols: 'i32' });
    expect(table.declaration).toBe('rows : i32, eps : f32, cols : i32,');
    expect(table.values({ cols: 3, rows: 7, eps: 1e-5 })).toEqual([
      { type: 'int32', data: [7] },
      { type: 'float32', data: [1e-5] },
      { type: 'int32', data: [3] },
    ]);
  });
});
