// tfjs-backend-wasm 4.22 has no kernels for three gradients of the models' convs: the depthwise conv's input and
// filter gradients and the conv's filter gradient. The effective receptive field needs the first (without it, it
// fails on the CPU fallback with "Kernel 'DepthwiseConv2dNativeBackpropInput' not registered for backend 'wasm'");
// the filter gradients only a caller that asks for them (under a tape the layers use the plain conv ops, whose filter
// gradients are not computed for an ERF: ops/recordingGradients.ts).
//
// Each is registered for 'wasm' as tfjs's own 'cpu' kernel, run on a copy of its inputs in the 'cpu' backend (made
// on first use, not made active) and copied back into the wasm heap: tfjs's implementation, not ours, at the price
// of two copies, which a gradient taken once per click can afford. A later tfjs-wasm with its own kernel keeps it.
import * as tf from '@tensorflow/tfjs';
import type { DataId, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { InternalError } from '../errors';

export const WASM_BORROWED_KERNELS = ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter'] as const;

interface WasmOutputBackend {
  readSync(dataId: DataId): ArrayLike<number>;
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}

function borrowed(kernelName: string): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const wasm = backend as unknown as WasmOutputBackend;
    const cpu = tf.findBackend('cpu');
    const cpuKernel = tf.getKernel(kernelName, 'cpu');
    if (!cpu || !cpuKernel) throw new InternalError(`${kernelName}: tfjs's 'cpu' backend or its kernel is not available to borrow`);
    const written: DataId[] = [];
    const cpuInputs: Record<string, TensorInfo> = {};
    for (const [name, t] of Object.entries(inputs) as [string, TensorInfo][]) {
      if (t.dtype !== 'float32') throw new InternalError(`${kernelName}: input ${name} is ${t.dtype}, float32 expected`);
      const dataId = cpu.write(Float32Array.from(wasm.readSync(t.dataId)), t.shape, t.dtype);
      written.push(dataId);
      cpuInputs[name] = { dataId, shape: t.shape, dtype: t.dtype };
    }
    try {
      const result = cpuKernel.kernelFunc({ inputs: cpuInputs, backend: cpu, attrs });
      const out = (Array.isArray(result) ? result[0] : result) as TensorInfo;
      written.push(out.dataId);
      const output = wasm.makeOutput([...out.shape], 'float32');
      wasm.typedArrayFromHeap(output).set(cpu.readSync(out.dataId) as Float32Array);
      return output;
    } finally {
      for (const dataId of written) cpu.disposeData(dataId, true);
    }
  };
}

/** Registers the borrowed kernels for 'wasm' where it has none (idempotent; cheap to call before every gradient). */
export function ensureWasmBorrowedKernels(): void {
  for (const kernelName of WASM_BORROWED_KERNELS) {
    if (!tf.getKernel(kernelName, 'wasm')) tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: borrowed(kernelName) });
  }
}
