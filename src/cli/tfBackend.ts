// Picks the tfjs backend for the command line (the one place that does): WebGPU when this Node has an adapter
// (navigator.gpu; plain Node 20 has none), else WASM, else the plain-JS CPU backend. console.log is redirected to
// stderr first so tfjs notices never mix with the JSON on stdout, and tfjs's production mode is on, which drops
// its log and warning lines (the "Hi, looks like you are running TensorFlow.js in Node.js" banner among them).

import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { UsageError } from './args';

export const BACKEND_CHOICES = ['auto', 'cpu', 'wasm', 'webgpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** `--backend` text (default auto) as a choice. */
export function parseBackendChoice(text: string | undefined): BackendChoice {
  const choice = text ?? 'auto';
  if (!(BACKEND_CHOICES as readonly string[]).includes(choice)) throw new UsageError(`--backend is ${BACKEND_CHOICES.join(', ')}`);
  return choice as BackendChoice;
}

async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
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

/** Sets the backend and returns its name. auto: webgpu (with an adapter), else wasm, else cpu. */
export async function initBackend(choice: BackendChoice): Promise<string> {
  console.log = (...args: unknown[]) => console.error(...args);
  tf.env().set('PROD', true);
  if (choice === 'webgpu' || (choice === 'auto' && (await hasWebGpuAdapter()))) {
    if (!(await hasWebGpuAdapter())) throw new Error('no WebGPU adapter in this Node (navigator.gpu is absent)');
    await import('@tensorflow/tfjs-backend-webgpu');
    if (await tf.setBackend('webgpu')) return 'webgpu';
    throw new Error('the WebGPU backend failed to start');
  }
  if (choice === 'wasm' || choice === 'auto') {
    if (await startWasm()) return 'wasm';
    if (choice === 'wasm') throw new Error('the WASM backend failed to start');
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('the CPU backend failed to start');
  return 'cpu';
}
