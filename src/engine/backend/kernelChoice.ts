// Which implementation runs, per adapter and shape: a small table of measured crossovers (BENCHMARKS.md,
// "kernel choice"), one row per adapter profile. Every op with more than one implementation asks here:
// the backend for a whole model (WebGPU or the CPU path, tfjs-wasm with the engine's TypeScript kernels),
// the heat operator (matrix passes or the fast DCT per axis), dense (the WGSL register-tile programs or tfjs's
// shared-memory matMul) and the channel LayerNorm (WGSL program or tfjs ops).
//
// A profile is matched by what the adapter says (vendor / architecture / description); isFallbackAdapter only
// routes an adapter no row names to the software row. An adapter nothing was measured on gets the
// `unmeasured-gpu` row: the engine's WGSL programs and WebGPU for every model, until a run fills in its row.
import type { AdapterReport } from './adapter';

export interface KernelProfile {
  /** Row name, reported with the backend. */
  name: string;
  /** Where the figures come from (BENCHMARKS.md section), or why there are none. */
  source: string;
  matches(r: AdapterReport): boolean;
  /**
   * Model size, in multiply-adds per forward pass (G), above which WebGPU on this adapter beats the CPU path.
   * Infinity: the CPU path won at every size measured.
   */
  gpuAboveGmacs: number;
  /** Smallest side from which the heat operator's fast DCT (O(N log N)) beats its matrix passes, per axis. */
  heatFastDctFromSide: number;
  /** dense: M*K*N (multiply-adds) above which tfjs's matMul beats the WGSL programs (Infinity: never). */
  denseTfjsAboveMacs: number;
  /** LayerNorm: elements (pixels * C) above which tfjs's ops beat the one-dispatch WGSL program (Infinity: never). */
  normTfjsAboveElements: number;
}

const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render/i;
const text = (r: AdapterReport) => `${r.vendor} ${r.architecture} ${r.description}`;

/** SwiftShader (Chrome's and Dawn's CPU Vulkan), measured on this project's 2-core machine. */
const SWIFTSHADER: KernelProfile = {
  name: 'swiftshader',
  source: 'measured: BENCHMARKS.md "kernel choice" (Node, Dawn) and onnx-compare runs 5-7 (Chromium)',
  matches: (r) => /swiftshader/i.test(text(r)),
  // Bundled vHeat (0.006 GMAC, modelCost.ts) and vHeat-T 224 (4.6 GMAC): the CPU path was 10-20x faster at both ends.
  gpuAboveGmacs: Infinity,
  // heat-operator run 4 (BENCHMARKS.md, after the fast program took two lines per FFT): the fast DCT loses at 28
  // (x0.65 - x0.75), ties or wins at 56 (x0.98 / x0.99 in one run, x1.89 / x1.20 in the next, C = 96 / 3) and wins
  // from 64 on in every run (x1.5 - x3.9 at 64 - 112, x3 - x5 at 160 - 224, x26 at 512, x31 at 1024 with C = 3).
  // 64, not 56: no gain at 56 that holds across runs, and vHeat-T at 224 (sides 56 ... 7) keeps its matrix passes.
  heatFastDctFromSide: 64,
  // Barrier-free register tiles beat tfjs's workgroup-memory matMul (SwiftShader runs barriers as coroutines).
  denseTfjsAboveMacs: Infinity,
  normTfjsAboveElements: Infinity,
};

/** Other CPU rasterisers (llvmpipe, lavapipe, WARP) and any fallback adapter: not measured; SwiftShader's row. */
const SOFTWARE: KernelProfile = {
  ...SWIFTSHADER,
  name: 'software-unmeasured',
  source: 'not measured: a CPU implementation of WebGPU, given SwiftShader\'s row',
  matches: (r) => r.isFallbackAdapter || SOFTWARE_NAMES.test(text(r)),
};

/** A hardware GPU no run has measured yet: WebGPU for every model, the engine's WGSL programs. */
const UNMEASURED_GPU: KernelProfile = {
  name: 'unmeasured-gpu',
  source: 'not measured: no real GPU has run the kernel-choice suite yet (gpu-kit, README)',
  matches: () => true,
  gpuAboveGmacs: 0,
  // Not measured on a real GPU: left at 224 (SwiftShader's crossover before heat-operator run 4 moved that row to
  // 64) until a gpu-kit run says otherwise.
  heatFastDctFromSide: 224,
  denseTfjsAboveMacs: Infinity,
  normTfjsAboveElements: Infinity,
};

/** The table, first match wins. A measured GPU's row goes before SOFTWARE. */
export const KERNEL_PROFILES: readonly KernelProfile[] = [SWIFTSHADER, SOFTWARE, UNMEASURED_GPU];

export function profileFor(report: AdapterReport | null): KernelProfile {
  if (!report) return UNMEASURED_GPU;
  return KERNEL_PROFILES.find((p) => p.matches(report)) ?? UNMEASURED_GPU;
}

let active: KernelProfile = UNMEASURED_GPU;

/** Called when a WebGPU backend starts on an adapter (the app's worker, the CLI, the benchmarks). */
export function setActiveAdapter(report: AdapterReport | null): KernelProfile {
  active = profileFor(report);
  return active;
}

/** The row the ops read on the 'webgpu' backend. */
export function activeProfile(): KernelProfile {
  return active;
}

/** 'webgpu' or 'cpu' (the CPU path: tfjs-wasm with the engine's kernels) for a model of `gmacs` G multiply-adds. */
export function preferredBackend(profile: KernelProfile, gmacs: number): 'webgpu' | 'cpu' {
  return gmacs > profile.gpuAboveGmacs ? 'webgpu' : 'cpu';
}

/** Whether the CPU path wins for every model on this adapter (the app decides before a model is loaded). */
export function cpuPathForEveryModel(profile: KernelProfile): boolean {
  return profile.gpuAboveGmacs === Infinity;
}

/** The heat operator's transform along an axis of side n: the fast DCT from the row's crossover side on. */
export function heatTransformFor(profile: KernelProfile, n: number): 'matrix' | 'fast' {
  return n >= profile.heatFastDctFromSide ? 'fast' : 'matrix';
}

/** Dense on WebGPU: the engine's WGSL kernel, or tfjs's matMul above the row's crossover (OpImpl's names). */
export function denseImplFor(profile: KernelProfile, m: number, k: number, n: number): 'kernel' | 'tfjs' {
  return m * k * n > profile.denseTfjsAboveMacs ? 'tfjs' : 'kernel';
}

/** Channel LayerNorm on WebGPU: the engine's one-pass kernel, or tfjs's ops above the row's crossover. */
export function normImplFor(profile: KernelProfile, elements: number): 'kernel' | 'tfjs' {
  return elements > profile.normTfjsAboveElements ? 'tfjs' : 'kernel';
}
