// Counts what the WebGPU path asks of the GPU: compute dispatches, compute passes, queue submits and the bytes
// the CPU sends to the GPU: queue.writeBuffer (tfjs's uniforms) and buffers created mapped (tfjs uploads tensor
// data through them: weights, inputs, tables). Works wherever the GPU* classes are
// globals: the browser, and Node once nodeWebgpu.ts has installed Dawn's. It wraps the prototype methods
// (GPUComputePassEncoder.dispatchWorkgroups / dispatchWorkgroupsIndirect, GPUCommandEncoder.beginComputePass,
// GPUQueue.submit, GPUQueue.writeBuffer, GPUDevice.createBuffer with mappedAtCreation) once; counting costs one increment per call.
//
// On a hardware GPU the dispatch count is the first-order cost of a batch-1 inference (shared/reference gpu.md:
// ~25-70 us per dispatch against well under a millisecond of arithmetic for vHeat-T 224), so this is the figure
// the kernel-choice table's hardware row is designed against (BENCHMARKS.md, "dispatches per model and row").

/** What the WebGPU path asked of the GPU since the counters were installed or last reset. */
export interface GpuCounts {
  /** dispatchWorkgroups (and ...Indirect) calls. */
  dispatches: number;
  /** beginComputePass calls. */
  passes: number;
  /** queue.submit calls (each may carry several command buffers). */
  submits: number;
  /** Bytes written by queue.writeBuffer plus the sizes of buffers created mapped (uploads of tensor data). */
  bytesUploaded: number;
}

const counts: GpuCounts = { dispatches: 0, passes: 0, submits: 0, bytesUploaded: 0 };
let installed = false;

type Method = (this: unknown, ...args: never[]) => unknown;

/** Replaces `proto[name]` by a function that calls `count(args)` then the original; false where there is none. */
function wrap(proto: Record<string, unknown> | undefined, name: string, count: (args: unknown[]) => void): boolean {
  const original = proto?.[name] as Method | undefined;
  if (typeof original !== 'function') return false;
  proto![name] = function counted(this: unknown, ...args: never[]) {
    count(args);
    return original.apply(this, args);
  };
  return true;
}

/** Bytes a writeBuffer call uploads: (buffer, offset, data, dataOffset?, size?) with size/dataOffset in elements. */
function writeBufferBytes(args: unknown[]): number {
  const data = args[2] as ArrayBufferView | ArrayBuffer;
  const element = ArrayBuffer.isView(data) && 'BYTES_PER_ELEMENT' in data ? (data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT : 1;
  if (typeof args[4] === 'number') return args[4] * element;
  const total = data.byteLength;
  return typeof args[3] === 'number' ? total - args[3] * element : total;
}

function proto(name: string): Record<string, unknown> | undefined {
  const cls = (globalThis as Record<string, unknown>)[name] as { prototype?: Record<string, unknown> } | undefined;
  return cls?.prototype;
}

/**
 * Installs the counters (once; later calls only report). Returns false where the GPU* classes are missing (no
 * WebGPU here, or Dawn not loaded yet: call after nodeGpu() / useNodeWebgpu()).
 */
export function installGpuCounters(): boolean {
  if (installed) return true;
  const pass = proto('GPUComputePassEncoder');
  const encoder = proto('GPUCommandEncoder');
  const queue = proto('GPUQueue');
  const device = proto('GPUDevice');
  if (!pass || !encoder || !queue || !device) return false;
  wrap(pass, 'dispatchWorkgroups', () => void counts.dispatches++);
  wrap(pass, 'dispatchWorkgroupsIndirect', () => void counts.dispatches++);
  wrap(encoder, 'beginComputePass', () => void counts.passes++);
  wrap(queue, 'submit', () => void counts.submits++);
  wrap(queue, 'writeBuffer', (args) => void (counts.bytesUploaded += writeBufferBytes(args)));
  wrap(device, 'createBuffer', (args) => {
    const d = args[0] as GPUBufferDescriptor | undefined;
    if (d?.mappedAtCreation) counts.bytesUploaded += Number(d.size);
  });
  installed = true;
  return true;
}

/** The counts so far (a copy). */
export function gpuCounts(): GpuCounts {
  return { ...counts };
}

/** Sets every count to 0. */
export function resetGpuCounts(): void {
  counts.dispatches = 0;
  counts.passes = 0;
  counts.submits = 0;
  counts.bytesUploaded = 0;
}

/** b - a, count by count (what ran between two readings). */
export function gpuCountsSince(a: GpuCounts, b: GpuCounts = gpuCounts()): GpuCounts {
  return {
    dispatches: b.dispatches - a.dispatches,
    passes: b.passes - a.passes,
    submits: b.submits - a.submits,
    bytesUploaded: b.bytesUploaded - a.bytesUploaded,
  };
}
