// Picks a tfjs backend for the command line: WebGPU through Dawn (the optional `webgpu` package) when it finds an
// adapter and the kernel-choice table prefers it for the model, else WASM, or CPU when asked. console.log is
// redirected to stderr first so tfjs notices never mix with the JSON on stdout.

import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { adapterText } from '../engine/backend/adapter';
import { cpuPathForEveryModel, preferredBackend, profileFor, setActiveAdapter } from '../engine/backend/kernelChoice';
import { probeNodeAdapter, useNodeWebgpu } from '../engine/backend/nodeWebgpu';

export type BackendChoice = 'auto' | 'cpu' | 'wasm' | 'webgpu';

/** The backend asked for cannot start here (e.g. no WebGPU adapter): a one-line message, exit code 1. */
export class BackendUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

/** Starts WebGPU through Dawn and reads the adapter's kernel-choice row; throws a one-line reason when there is none. */
async function startWebGpu(): Promise<string> {
  try {
    setActiveAdapter(await useNodeWebgpu());
  } catch (e) {
    throw new BackendUnavailableError((e as Error).message);
  }
  return 'webgpu';
}

/**
 * 'auto' takes WebGPU when Dawn finds an adapter and the kernel-choice table says WebGPU beats the CPU path on it
 * for a model of `gmacs` (kernelChoice.ts: on SwiftShader the CPU path wins for every model); else the CPU path.
 */
async function autoPicksWebGpu(gmacs: number | undefined): Promise<boolean> {
  const report = await probeNodeAdapter();
  if (typeof report === 'string') {
    console.error(`vheat: ${report}; using the CPU path`);
    return false;
  }
  const profile = profileFor(report);
  const gpu = gmacs === undefined ? !cpuPathForEveryModel(profile) : preferredBackend(profile, gmacs) === 'webgpu';
  if (!gpu) console.error(`vheat: adapter ${adapterText(report)} (kernel table row '${profile.name}'): the CPU path is faster for this model, not using WebGPU`);
  return gpu;
}

/** Sets the backend and returns its name. `gmacs`: the model's size, for 'auto' (modelCost.ts). */
export async function initBackend(choice: BackendChoice, gmacs?: number): Promise<string> {
  console.log = (...args: unknown[]) => console.error(...args);
  if (choice === 'webgpu' || (choice === 'auto' && (await autoPicksWebGpu(gmacs)))) return startWebGpu();
  if (choice === 'wasm' || choice === 'auto') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    if (await tf.setBackend('wasm')) return 'wasm';
    throw new Error('the WASM backend failed to start');
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('the CPU backend failed to start');
  return 'cpu';
}
