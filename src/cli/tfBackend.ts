// Picks a tfjs backend for the command line: WebGPU when this Node has an adapter (navigator.gpu;
// plain Node 20 has none), else WASM or CPU. console.log is redirected to stderr first so tfjs
// notices never mix with the JSON on stdout.

import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { EngineStateError } from '../engine/errors';

export type BackendChoice = 'auto' | 'cpu' | 'wasm' | 'webgpu';

async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

/** Sets the backend and returns its name. */
export async function initBackend(choice: BackendChoice): Promise<string> {
  console.log = (...args: unknown[]) => console.error(...args);
  if (choice === 'webgpu' || (choice === 'auto' && (await hasWebGpuAdapter()))) {
    if (!(await hasWebGpuAdapter())) throw new EngineStateError('--backend webgpu', 'no WebGPU adapter in this Node (navigator.gpu is absent)', 'unsupported');
    await import('@tensorflow/tfjs-backend-webgpu');
    if (await tf.setBackend('webgpu')) return 'webgpu';
    throw new EngineStateError('--backend webgpu', 'the WebGPU backend failed to start', 'unsupported');
  }
  if (choice === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    if (await tf.setBackend('wasm')) return 'wasm';
    throw new EngineStateError('--backend wasm', 'the WASM backend failed to start', 'unsupported');
  }
  if (!(await tf.setBackend('cpu'))) throw new EngineStateError('--backend cpu', 'the CPU backend failed to start', 'unsupported');
  return 'cpu';
}
