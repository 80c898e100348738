// The CPU-side tfjs backends a Node test can run on: 'cpu' (plain JS) and 'wasm' (tfjs-backend-wasm, loaded from the
// installed package's dist folder, as the CLI does). The browser's CPU fallback is the same 'wasm' backend.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export const NODE_CPU_SIDE_BACKENDS = ['cpu', 'wasm'] as const;
export type NodeCpuSideBackend = (typeof NODE_CPU_SIDE_BACKENDS)[number];

let wasmPathsSet = false;

/** Makes `name` the active backend (throws if it does not start). */
export async function useNodeBackend(name: NodeCpuSideBackend): Promise<void> {
  if (name === 'wasm' && !wasmPathsSet) {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend(name))) throw new Error(`the tfjs '${name}' backend did not start`);
  await tf.ready();
}
