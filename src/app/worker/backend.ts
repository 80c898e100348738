// Chooses and starts the tfjs backend inside the worker: WebGPU when an adapter exists, else WASM, else
// the plain CPU backend (the engine then runs its TypeScript CPU kernels and tfjs ops). Watches for WebGPU device loss.
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { EngineStateError } from '../../engine/errors';
import type { BackendInfo } from './protocol';

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render/i;

let lastAdapterInfo: { text: string; software: boolean } = { text: '', software: false };
let onLost: ((message: string) => void) | null = null;

function describeAdapter(adapter: GPUAdapter): { text: string; software: boolean } {
  const info = adapter.info;
  const parts = [info?.vendor, info?.architecture, info?.description].filter((s) => s && s.length > 0);
  const text = parts.join(' / ') || 'unknown adapter';
  // isFallbackAdapter moved from the adapter to its info in newer Chrome; read both.
  const fallback =
    Boolean((info as GPUAdapterInfo & { isFallbackAdapter?: boolean })?.isFallbackAdapter) ||
    Boolean((adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter);
  return { text, software: fallback || SOFTWARE_ADAPTER.test(text) };
}

/** The same device request as tfjs-backend-webgpu's own factory, keeping the adapter for its description. */
async function createWebGpuBackend(): Promise<WebGPUBackend> {
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new EngineStateError('WebGPU', 'navigator.gpu.requestAdapter() returned no adapter', 'unsupported');
  const features: GPUFeatureName[] = [];
  if (adapter.features.has('timestamp-query')) features.push('timestamp-query');
  const l = adapter.limits;
  const device = await adapter.requestDevice({
    requiredFeatures: features,
    requiredLimits: {
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    },
  });
  lastAdapterInfo = describeAdapter(adapter);
  device.lost.then((info) => {
    // 'destroyed' is our own dispose; anything else is a real loss.
    if (info.reason !== 'destroyed' || deviceLossSimulated) onLost?.(info.message || 'the GPU device was lost');
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

/** Starts the best backend available. `lost` is called when the WebGPU device goes away. */
export async function startBackend(lost: (message: string) => void): Promise<BackendInfo> {
  onLost = lost;
  let reason: string | undefined;
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) {
    reason = 'this browser has no WebGPU (navigator.gpu is missing)';
  } else {
    registerWebGpu();
    if (await tryBackend('webgpu')) {
      return { backend: 'webgpu', adapter: lastAdapterInfo.text, softwareAdapter: lastAdapterInfo.software };
    }
    reason = 'no WebGPU adapter is available';
  }
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  if (await tryBackend('wasm')) {
    const cpuThreads = { count: getThreadsCount(), crossOriginIsolated: Boolean(globalThis.crossOriginIsolated) };
    return { backend: 'wasm', adapter: '', softwareAdapter: false, webgpuUnavailable: reason, cpuThreads };
  }
  await tf.setBackend('cpu');
  return { backend: 'cpu', adapter: '', softwareAdapter: false, webgpuUnavailable: reason };
}

/** After a device loss: drop the dead backend (and every tensor on it) and start a fresh device. */
export async function restartWebGpu(): Promise<BackendInfo> {
  deviceLossSimulated = false;
  registerWebGpu();
  if (!(await tryBackend('webgpu'))) throw new EngineStateError('WebGPU', 'could not be restarted after the device was lost', 'unsupported');
  return { backend: 'webgpu', adapter: lastAdapterInfo.text, softwareAdapter: lastAdapterInfo.software };
}

/** Destroys the current WebGPU device, as a driver reset would (used by the "simulate device loss" test hook). */
export function simulateDeviceLoss(): boolean {
  const b = tf.backend();
  if (!(b instanceof WebGPUBackend)) return false;
  deviceLossSimulated = true;
  b.device.destroy();
  return true;
}
