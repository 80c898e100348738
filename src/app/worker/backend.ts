// Chooses and starts the tfjs backend inside the worker: WebGPU when an adapter exists and the kernel-choice table
// does not prefer the CPU path on it (src/engine/backend/kernelChoice.ts), else WASM, else the plain CPU backend (the engine then runs its TypeScript CPU kernels and tfjs ops). Watches for WebGPU device loss.
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { cpuPathThreads, startWasmPool } from '../../engine/backend/cpuThreads';
import { startPooledKernels } from '../../engine/ops/cpuPool/pooledKernels';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { adapterText, requestEngineDevice, type AdapterReport } from '../../engine/backend/adapter';
import { activeProfile, cpuPathForEveryModel, forceKernelRow, KERNEL_ROW_NAMES, kernelRowNamed, setActiveAdapter } from '../../engine/backend/kernelChoice';
import type { BackendPreference, BackendReport, WorkerWords } from './protocol';
import { EngineStateError } from '../../engine/errors';

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render/i;

let lastAdapter: AdapterReport | null = null;
let onLost: ((message: string) => void) | null = null;

function adapterInfo(): { adapter: string; softwareAdapter: boolean } {
  // No adapter description: the page says "unknown adapter" in its language.
  if (!lastAdapter) return { adapter: '', softwareAdapter: false };
  const text = adapterText(lastAdapter);
  return { adapter: text, softwareAdapter: lastAdapter.isFallbackAdapter || SOFTWARE_ADAPTER.test(text) };
}

/** The same device request as tfjs-backend-webgpu's own factory, keeping the adapter for its description. */
async function createWebGpuBackend(): Promise<WebGPUBackend> {
  const { adapter, device, report } = await requestEngineDevice(navigator.gpu);
  lastAdapter = report;
  setActiveAdapter(report);
  device.lost.then((info) => {
    // 'destroyed' is our own dispose; anything else is a real loss.
    if (info.reason !== 'destroyed' || deviceLossSimulated) onLost?.(info.message);
  });
  return new WebGPUBackend(device, adapter.info);
}

let deviceLossSimulated = false;

/** Registers our WebGPU factory under the name 'webgpu' (kernels, including the heat op's, key on it). */
function registerWebGpu(): void {
  if (tf.findBackendFactory('webgpu')) {
    try {
      tf.removeBackend('webgpu');
    } catch (e) {
      console.warn('disposing the lost WebGPU backend failed', e);
    }
  }
  tf.registerBackend('webgpu', createWebGpuBackend, 3);
}

async function tryBackend(name: string): Promise<boolean> {
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/** The CPU path: tfjs-wasm (the engine's TypeScript kernels), else tfjs's plain CPU backend. */
async function startCpuPath(): Promise<BackendReport> {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  const threads = cpuPathThreads(navigator.hardwareConcurrency);
  if (await startWasmPool(threads, () => tryBackend('wasm'))) {
    // The engine's own CPU kernels (heat step, GELU, LayerNorm) on as many threads as XNNPACK's pool. Not awaited:
    // its helpers take ~30-50 ms to start, and until then the kernels run on this thread.
    void startPooledKernels(threads).catch((e: unknown) => console.warn('the CPU pool did not start:', e));
    const cpuThreads = { count: getThreadsCount(), crossOriginIsolated: Boolean(globalThis.crossOriginIsolated) };
    return { backend: 'wasm', adapter: '', softwareAdapter: false, cpuThreads };
  }
  await tf.setBackend('cpu');
  return { backend: 'cpu', adapter: '', softwareAdapter: false };
}

/**
 * The page's ?kernel-row=NAME (engine.ts puts it in the worker's name): that row of the kernel-choice table runs in
 * place of the adapter's own, for WebGPU's ops and for the WebGPU-or-CPU choice. An unknown name is refused with a
 * usage error naming the rows.
 */
function applyRequestedKernelRow(): void {
  const workerName = typeof self === 'undefined' ? '' : ((self as { name?: string }).name ?? '');
  const name = /kernel-row=(\S+)/.exec(workerName)?.[1];
  if (name === undefined) return;
  if (!kernelRowNamed(name)) throw new EngineStateError('?kernel-row', `is one of ${KERNEL_ROW_NAMES.join(', ')} (got ${JSON.stringify(name)})`, 'usage');
  forceKernelRow(name);
}

/**
 * Starts the best backend available. `prefer` 'auto': WebGPU unless the kernel-choice table's row for the adapter
 * says the CPU path is faster for every model (SwiftShader: 10-20x, BENCHMARKS.md); 'webgpu': WebGPU whenever there
 * is an adapter (the page's ?backend=webgpu). `lost` is called when the WebGPU device goes away.
 */
export async function startBackend(lost: (message: string) => void, prefer: BackendPreference = 'auto'): Promise<BackendReport> {
  onLost = lost;
  applyRequestedKernelRow();
  let reason: WorkerWords;
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
    reason = { key: 'backend.noNavigatorGpu', values: { api: 'navigator.gpu' } };
  } else {
    registerWebGpu();
    if (!(await tryBackend('webgpu'))) {
      reason = { key: 'backend.noAdapter' };
    } else {
      const profile = activeProfile();
      if (prefer === 'webgpu' || !cpuPathForEveryModel(profile)) return { backend: 'webgpu', ...adapterInfo() };
      // Leave the software adapter: its device and buffers go with the backend.
      const gpu = adapterInfo();
      tf.removeBackend('webgpu');
      const cpu = await startCpuPath();
      const key = gpu.softwareAdapter ? 'backend.cpuFasterOnSoftwareAdapter' : 'backend.cpuFasterOnAdapter';
      return { ...cpu, cpuPreferred: { key, values: { adapter: gpu.adapter, row: profile.name } } };
    }
  }
  return { ...(await startCpuPath()), webgpuUnavailable: reason };
}

/** After a device loss: drop the dead backend (and every tensor on it) and start a fresh device. */
export async function restartWebGpu(): Promise<BackendReport> {
  deviceLossSimulated = false;
  registerWebGpu();
  if (!(await tryBackend('webgpu'))) throw new EngineStateError('WebGPU', 'could not be restarted after the device was lost', 'unsupported');
  return { backend: 'webgpu', ...adapterInfo() };
}

/** Destroys the current WebGPU device, as a driver reset would (used by the "simulate device loss" test hook). */
export function simulateDeviceLoss(): boolean {
  const b = tf.backend();
  if (!(b instanceof WebGPUBackend)) return false;
  deviceLossSimulated = true;
  b.device.destroy();
  return true;
}
