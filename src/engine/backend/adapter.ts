// The WebGPU adapter as the engine sees it, in the browser and in Node (Dawn): what it is (vendor,
// architecture, description, isFallbackAdapter, the limits the engine asks for) and the device request that
// tfjs-backend-webgpu's own factory makes, keeping the adapter so its description can be reported.
import { UnavailableError } from '../errors';

/** What an adapter says about itself; the key of the kernel-choice table (kernelChoice.ts). */
export interface AdapterReport {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
  limits: Record<string, number>;
}

/** The limits the engine raises to the adapter's maxima (and reports). */
const RAISED_LIMITS = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
] as const;

/** Reads an adapter's description; isFallbackAdapter moved from the adapter to its info in newer Chrome: both are read. */
export function describeAdapter(adapter: GPUAdapter): AdapterReport {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const limits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) limits[name] = Number(adapter.limits[name]);
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    description: info?.description ?? '',
    isFallbackAdapter: Boolean(info?.isFallbackAdapter) || Boolean((adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter),
    limits,
  };
}

/** "vendor / architecture / description", the empty parts left out. */
export function adapterText(r: AdapterReport): string {
  return [r.vendor, r.architecture, r.description].filter((s) => s.length > 0).join(' / ') || 'unknown adapter';
}

/** The same device request as tfjs-backend-webgpu's factory (timestamp queries when offered, raised limits). */
export async function requestEngineDevice(gpu: GPU): Promise<{ adapter: GPUAdapter; device: GPUDevice; report: AdapterReport }> {
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new UnavailableError('navigator.gpu.requestAdapter() returned no adapter');
  const features: GPUFeatureName[] = [];
  if (adapter.features.has('timestamp-query')) features.push('timestamp-query');
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) requiredLimits[name] = adapter.limits[name];
  const device = await adapter.requestDevice({ requiredFeatures: features, requiredLimits });
  return { adapter, device, report: describeAdapter(adapter) };
}
