import { afterEach, describe, expect, it } from 'vitest';
import { checkBudget, decodeEstimate, forwardOverBudget, modelWorkEstimate, resourceBudget, setResourceBudget } from './budget';
import type { ModelConfig } from './config';
import { InputError } from './errors';
import { DEFAULT_MEMORY_BUDGET_BYTES, DEFAULT_TIME_BUDGET_S } from './limits';

// The bundled HcNet's shape (public/models/hcnet-fashion-mnist.safetensors).
const hcnet = { family: 'hcnet', dims: [32, 64, 224], depths: [1, 1, 3], mlpRatio: 4, numClasses: 10 } as unknown as ModelConfig;
const defaults = resourceBudget();
afterEach(() => setResourceBudget(defaults));

describe('resource budget', () => {
  it('defaults to 320 MB (in Node: no navigator.deviceMemory) and 30 s', () => {
    expect(defaults).toEqual({ memoryBytes: DEFAULT_MEMORY_BUDGET_BYTES, seconds: DEFAULT_TIME_BUDGET_S });
    expect(DEFAULT_MEMORY_BUDGET_BYTES).toBe(320 * 1024 ** 2);
  });

  it('estimates grow with the input: 4x the pixels, about 4x the memory; a batch of n, n times; gradients cost more', () => {
    const a = modelWorkEstimate(hcnet, 1, 512, 512, 'forward');
    const b = modelWorkEstimate(hcnet, 1, 1024, 1024, 'forward');
    expect(b.bytes / a.bytes).toBeCloseTo(4, 0);
    expect(modelWorkEstimate(hcnet, 8, 512, 512, 'forward').bytes).toBeCloseTo(8 * a.bytes);
    expect(modelWorkEstimate(hcnet, 1, 512, 512, 'gradient').bytes).toBeGreaterThan(2 * a.bytes);
    // Measured (BENCHMARKS.md, resource-budget): HcNet at 1024 px peaked ~580 MB over the process's base.
    expect(b.bytes / 1024 ** 2).toBeGreaterThan(450);
    expect(b.bytes / 1024 ** 2).toBeLessThan(800);
  });

  it('refuses work over the budget naming the file, the estimate and the limit; a raised budget lets it run', () => {
    const e = modelWorkEstimate(hcnet, 1, 2048, 2048, 'forward');
    let error: unknown;
    try {
      checkBudget('big.npy', 'a forward pass of one 2048x2048 input', e);
    } catch (x) {
      error = x;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('too-large');
    expect((error as InputError).message).toMatch(/^big\.npy: a forward pass of one 2048x2048 input needs ~\d+ MB of memory, over the 320 MB budget \(--memory-budget\) and ~\d+ s, over the 30 s budget \(--time-budget\)$/);
    expect(forwardOverBudget(hcnet, 1, 2048, 2048)).toBe(true);
    setResourceBudget({ memoryBytes: 8 * 1024 ** 3, seconds: 600 });
    expect(() => checkBudget('big.npy', 'a forward pass', e)).not.toThrow();
    expect(forwardOverBudget(hcnet, 1, 2048, 2048)).toBe(false);
  });

  it('a 40 MP PNG or JPEG decode is over the default budget, a 12 MP JPEG photo is not', () => {
    expect(() => checkBudget('a.png', 'decoding', decodeEstimate('png', 6400, 6250))).toThrow(/a\.png: decoding needs ~\d+ MB of memory/);
    expect(() => checkBudget('a.jpg', 'decoding', decodeEstimate('jpeg', 6400, 6250))).toThrow(InputError);
    expect(() => checkBudget('p.jpg', 'decoding', decodeEstimate('jpeg', 4000, 3000))).not.toThrow();
  });
});
