// WebGPU in Node through Dawn (the optional `webgpu` package: dawn.node, prebuilt, no install script on Linux).
// Installs navigator.gpu and the GPU* globals tfjs-backend-webgpu needs, and registers the 'webgpu' tfjs backend
// on a device from our own request (adapter.ts), so the adapter's description is known. Node only.
//
// Dawn loads the system's Vulkan loader (libvulkan.so.1) and its drivers. Without a GPU, SwiftShader's Vulkan
// driver as Debian's Chromium ships it serves: LD_LIBRARY_PATH=/usr/lib/chromium
// VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json (both read when the process starts).
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { existsSync } from 'node:fs';
import { describeAdapter, requestEngineDevice, type AdapterReport } from './adapter';
import { EngineStateError } from '../errors';
import { VULKAN_LOADER, vulkanDriverFound, vulkanLoaderFound } from './vulkanLoader';

interface DawnModule {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

/** Set by `useNodeWebgpu`: the adapter the 'webgpu' backend runs on. */
let activeReport: AdapterReport | null = null;
let gpuPromise: Promise<GPU | string> | null = null;

/** SwiftShader's Vulkan driver as Debian's Chromium installs it. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** What to say when Dawn finds no adapter: one line, with the SwiftShader hint where Debian's Chromium is installed. */
function noAdapterMessage(): string {
  const base = 'no WebGPU adapter: no Vulkan driver found';
  if (!existsSync(SWIFTSHADER_ICD) || process.env.VK_ICD_FILENAMES) return base;
  return `${base} (for SwiftShader, CPU only: LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=${SWIFTSHADER_ICD})`;
}

async function loadDawn(): Promise<GPU | string> {
  // Without the loader Dawn only prints a native warning on stderr and finds nothing: say so without loading it.
  if (!vulkanLoaderFound()) return `no WebGPU adapter: no Vulkan loader (${VULKAN_LOADER}) on this machine`;
  if (!vulkanDriverFound()) return noAdapterMessage();
  let dawn: DawnModule;
  try {
    dawn = (await import('webgpu')) as unknown as DawnModule;
  } catch (e) {
    return `no WebGPU in this Node: the optional 'webgpu' package (Dawn) did not load (${(e as Error).message.split('\n')[0]})`;
  }
  for (const [name, value] of Object.entries(dawn.globals)) {
    if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  const gpu = dawn.create([]);
  const nav = (globalThis as { navigator?: object }).navigator;
  if (nav) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  return gpu;
}

/** navigator.gpu from Dawn (loaded once), or why there is none. */
export function nodeGpu(): Promise<GPU | string> {
  gpuPromise ??= loadDawn();
  return gpuPromise;
}

/** The adapter Dawn would give the engine, or a one-line reason why there is none. */
export async function probeNodeAdapter(): Promise<AdapterReport | string> {
  const gpu = await nodeGpu();
  if (typeof gpu === 'string') return gpu;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return noAdapterMessage();
  return describeAdapter(adapter);
}

/** Registers and starts the 'webgpu' tfjs backend on Dawn; throws a one-line error when there is no adapter. */
export async function useNodeWebgpu(): Promise<AdapterReport> {
  const gpu = await nodeGpu();
  if (typeof gpu === 'string') throw new EngineStateError('webgpu', gpu, 'unsupported');
  if (!(await gpu.requestAdapter())) throw new EngineStateError('webgpu', noAdapterMessage(), 'unsupported');
  if (tf.findBackendFactory('webgpu') === null || activeReport === null) {
    if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
    tf.registerBackend('webgpu', async () => {
      const { adapter, device, report } = await requestEngineDevice(gpu);
      activeReport = report;
      return new WebGPUBackend(device, adapter.info);
    }, 3);
  }
  if (!(await tf.setBackend('webgpu'))) throw new EngineStateError('webgpu', 'the WebGPU backend failed to start on Dawn', 'unsupported');
  await tf.ready();
  return activeReport!;
}

/** Destroys the Dawn device (tfjs's backend disposal), so the process can exit. */
export function closeNodeWebgpu(): void {
  if (tf.findBackend('webgpu')) tf.removeBackend('webgpu');
  activeReport = null;
}
