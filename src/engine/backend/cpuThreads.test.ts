import { afterEach, describe, expect, it } from 'vitest';
import { cpuPathThreads, startWasmPool } from './cpuThreads';

describe('cpuPathThreads', () => {
  it('maps each policy onto a pool of 1 to 8 threads', () => {
    expect([1, 2, 4, 16].map((n) => cpuPathThreads(n, 'half'))).toEqual([1, 1, 2, 8]);
    expect([1, 2, 4, 16].map((n) => cpuPathThreads(n, 'all'))).toEqual([1, 2, 4, 8]);
    expect([1, 2, 4, 16].map((n) => cpuPathThreads(n, 'all-but-one'))).toEqual([1, 1, 3, 8]);
  });

  it('treats a missing or bad core count as one core', () => {
    expect(cpuPathThreads(Number.NaN, 'all')).toBe(1);
    expect(cpuPathThreads(0, 'all')).toBe(1);
  });

  it('runs every core by default (the measured choice)', () => {
    expect(cpuPathThreads(6)).toBe(6);
  });
});

describe('startWasmPool (the navigator shim; the pool itself: cpuThreads.browser.test.ts)', () => {
  const g = globalThis as { navigator?: unknown; crossOriginIsolated?: boolean };
  const saved = { navigator: Object.getOwnPropertyDescriptor(g, 'navigator'), isolated: Object.getOwnPropertyDescriptor(g, 'crossOriginIsolated') };
  afterEach(() => {
    for (const [key, d] of Object.entries(saved)) {
      const name = key === 'isolated' ? 'crossOriginIsolated' : key;
      if (d) Object.defineProperty(g, name, d);
      else delete (g as Record<string, unknown>)[name];
    }
  });

  /** A navigator whose hardwareConcurrency is a prototype getter, as in browsers. */
  function fakeNavigator(cores: number): { hardwareConcurrency: number } {
    const proto = Object.defineProperty({}, 'hardwareConcurrency', { get: () => cores, configurable: true });
    return Object.create(proto) as { hardwareConcurrency: number };
  }

  it('reports 2 x threads only while the backend starts, also when the start fails', async () => {
    const nav = fakeNavigator(4);
    Object.defineProperty(g, 'navigator', { value: nav, configurable: true });
    Object.defineProperty(g, 'crossOriginIsolated', { value: true, configurable: true });
    expect(await startWasmPool(3, async () => nav.hardwareConcurrency)).toBe(6);
    expect(nav.hardwareConcurrency).toBe(4);
    expect(Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency')).toBeUndefined();
    await expect(startWasmPool(2, () => Promise.reject(new RangeError('no wasm')))).rejects.toThrow('no wasm');
    expect(nav.hardwareConcurrency).toBe(4);
  });

  it('changes nothing without cross-origin isolation (no threads there)', async () => {
    const nav = fakeNavigator(4);
    Object.defineProperty(g, 'navigator', { value: nav, configurable: true });
    Object.defineProperty(g, 'crossOriginIsolated', { value: false, configurable: true });
    expect(await startWasmPool(3, async () => nav.hardwareConcurrency)).toBe(4);
  });
});
