import { describe, expect, it } from 'vitest';

describe('browser environment', () => {
  it('has a WebGPU adapter', async () => {
    expect(navigator.gpu).toBeDefined();
    const adapter = await navigator.gpu.requestAdapter();
    expect(adapter).not.toBeNull();
    console.log('adapter', adapter!.info?.vendor, adapter!.info?.architecture, adapter!.info?.description);
  });
});
