// Picks the tfjs backend for the command line (the one place that does): WebGPU through Dawn (the optional
// `webgpu` package) when it finds an adapter and the kernel-choice table prefers it for the model, else WASM, else
// the plain-JS CPU backend. console.log is redirected to stderr first so tfjs notices never mix with the JSON on
// stdout, and tfjs's production mode is on, which drops its log and warning lines (the "Hi, looks like you are
// running TensorFlow.js in Node.js" banner among them).

import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { adapterText } from '../engine/backend/adapter';
import { cpuPathForEveryModel, preferredBackend, profileFor, setActiveAdapter } from '../engine/backend/kernelChoice';
import { probeNodeAdapter, useNodeWebgpu } from '../engine/backend/nodeWebgpu';
import { UsageError } from './args';
import { EngineStateError, isInputError } from '../engine/errors';
import { BackendUnavailableError } from './backendError';

export const BACKEND_CHOICES = ['auto', 'cpu', 'wasm', 'webgpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** `--backend` text (default auto) as a choice. */
export function parseBackendChoice(text: string | undefined): BackendChoice {
  const choice = text ?? 'auto';
  if (!(BACKEND_CHOICES as readonly string[]).includes(choice)) throw new UsageError(`--backend is ${BACKEND_CHOICES.join(', ')}`);
  return choice as BackendChoice;
}

export { BackendUnavailableError };

/** Starts WebGPU through Dawn and reads the adapter's kernel-choice row; throws a one-line reason when there is none. */
async function startWebGpu(): Promise<string> {
  try {
    setActiveAdapter(await useNodeWebgpu());
  } catch (e) {
    throw new BackendUnavailableError(isInputError(e) ? e.reason : (e as Error).message);
  }
  return 'webgpu';
}

/**
 * 'auto' takes WebGPU when Dawn finds an adapter and the kernel-choice table says WebGPU beats the CPU path on it
 * for a model of `gmacs` (kernelChoice.ts: on SwiftShader the CPU path wins for every model); else the CPU path.
 * The CPU path is then the natural choice: why is said only under --verbose (`note`).
 */
async function autoPicksWebGpu(gmacs: number | undefined, note: (line: string) => void): Promise<boolean> {
  const report = await probeNodeAdapter();
  if (typeof report === 'string') {
    note(`vheat: ${report}; using the CPU path`);
    return false;
  }
  const profile = profileFor(report);
  const gpu = gmacs === undefined ? !cpuPathForEveryModel(profile) : preferredBackend(profile, gmacs) === 'webgpu';
  if (!gpu) note(`vheat: adapter ${adapterText(report)} (kernel table row '${profile.name}'): the CPU path is faster for this model, not using WebGPU`);
  return gpu;
}

async function startWasm(): Promise<boolean> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
  try {
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

/**
 * Sets the backend and returns its name. `gmacs`: the model's size, for 'auto' (modelCost.ts). auto falls back
 * wasm -> cpu. `verbose`: say on stderr why auto took the CPU path (otherwise nothing is said about it).
 */
export async function initBackend(choice: BackendChoice, gmacs?: number, verbose = false): Promise<string> {
  console.log = (...args: unknown[]) => console.error(...args);
  tf.env().set('PROD', true);
  const note = verbose ? (line: string) => console.error(line) : () => undefined;
  if (choice === 'webgpu' || (choice === 'auto' && (await autoPicksWebGpu(gmacs, note)))) return startWebGpu();
  if (choice === 'wasm' || choice === 'auto') {
    if (await startWasm()) return 'wasm';
    if (choice === 'wasm') throw new EngineStateError('--backend wasm', 'the WASM backend failed to start', 'unsupported');
  }
  if (!(await tf.setBackend('cpu'))) throw new EngineStateError('--backend cpu', 'the CPU backend failed to start', 'unsupported');
  return 'cpu';
}
