// The counters wrap the GPU* prototypes wherever they are globals; here stand-in classes play Dawn's / the browser's.
import { afterAll, describe, expect, it } from 'vitest';
import { gpuCounts, gpuCountsSince, installGpuCounters, resetGpuCounts } from './gpuCounters';

class FakePass { dispatchWorkgroups(): void {} }
class FakeEncoder { beginComputePass(): FakePass { return new FakePass(); } }
class FakeQueue {
  submit(): void {}
  writeBuffer(): void {}
}
class FakeDevice { createBuffer(): object { return {}; } }
const NAMES = { GPUComputePassEncoder: FakePass, GPUCommandEncoder: FakeEncoder, GPUQueue: FakeQueue, GPUDevice: FakeDevice };

describe('GPU counters', () => {
  afterAll(() => {
    for (const name of Object.keys(NAMES)) delete (globalThis as Record<string, unknown>)[name];
  });

  it('count dispatches, passes, submits, and bytes written or created mapped', () => {
    Object.assign(globalThis, NAMES);
    expect(installGpuCounters()).toBe(true);
    resetGpuCounts();
    const encoder = new FakeEncoder();
    const pass = encoder.beginComputePass();
    pass.dispatchWorkgroups();
    pass.dispatchWorkgroups();
    const before = gpuCounts();
    const queue = new FakeQueue() as unknown as GPUQueue;
    queue.writeBuffer({} as GPUBuffer, 0, new Float32Array(10));
    queue.writeBuffer({} as GPUBuffer, 0, new Float32Array(10), 2, 4);
    queue.submit([]);
    (new FakeDevice() as unknown as GPUDevice).createBuffer({ size: 256, usage: 0, mappedAtCreation: true });
    (new FakeDevice() as unknown as GPUDevice).createBuffer({ size: 512, usage: 0 });
    expect(before).toEqual({ dispatches: 2, passes: 1, submits: 0, bytesUploaded: 0 });
    expect(gpuCountsSince(before)).toEqual({ dispatches: 0, passes: 0, submits: 1, bytesUploaded: 40 + 16 + 256 });
  });
});
