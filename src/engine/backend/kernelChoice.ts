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
  /**
   * The same for a side with a prime factor above 7, whose fast DCT goes through Bluestein's chirp-z (two FFTs of
   * length M ~ 2-4 N, heatFftWorkgroupProgram.ts). Infinity: such sides keep the matrix passes under 'auto'.
   */
  heatBluesteinFromSide: number;
  /**
   * Whether the fast DCT's FFT runs in workgroup memory (heatFftWorkgroupProgram.ts: one workgroup per pair of lines,
   * a barrier per stage) wherever the line fits the adapter's workgroup memory, rather than in each invocation's
   * private array (heatFastDctProgram.ts: no barriers, 7-smooth sides only). Bluestein sides use the workgroup
   * program on every row (the private-array program has no Bluestein).
   */
  heatFftInWorkgroupMemory: boolean;
  /**
   * Most invocations per workgroup of that program (it takes 64 up to FFT length 256 and 256 above, one radix-4
   * butterfly each per stage, capped by this and the adapter's limits; fewer loop over more butterflies each).
   */
  heatFftMaxInvocations: number;
  /** dense: M*K*N (multiply-adds) above which tfjs's matMul beats the WGSL programs (Infinity: never). */
  denseTfjsAboveMacs: number;
  /** LayerNorm: elements (pixels * C) above which tfjs's ops beat the one-dispatch WGSL program (Infinity: never). */
  normTfjsAboveElements: number;
  /**
   * Whether the model runs its fused programs (fusedBlock.ts, fusedHcBlock.ts): the heat operator in one dispatch
   * per plane in workgroup memory, LayerNorm / GroupNorm in the prologue of the linear map after it (or with the
   * residual in one pass, post-norm), bias / activation / gate / layer scale / residual in the epilogue of the kernel
   * that produces them, the depthwise conv inside the linear map, HcNet's explicit step in one pass. Fewer dispatches
   * (about 6 per vHeat or HcNet block instead of 20-33) at the price of workgroup barriers and recomputed row
   * statistics.
   */
  fuseForFewerDispatches: boolean;
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
  // heat-operator run 5 (BENCHMARKS.md; C = 3, same run): Bluestein in the workgroup program (16 wide, below) against
  // the matrix passes: x0.25 at 131, x0.90 at 257, x1.78 at 401, x2.66 at 509, x1.75 at 667 (23 x 29). 401: the
  // smallest side measured to win; 258 - 400 were not measured and keep the matrix passes.
  heatBluesteinFromSide: 401,
  // heat-operator run 5: the workgroup program is x0.34 (224), x0.13 (512), x0.26 (1024) of the private-array one
  // (16 wide; x0.11, x0.02, x0.03 at the hardware-GPU row's 64 / 256): barriers are coroutine switches here (see
  // fuseForFewerDispatches). So 7-smooth sides up to 1024 keep the private-array program.
  heatFftInWorkgroupMemory: false,
  // heat-operator run 5: 16 invocations were x3.0 (224, against 64), x6.8 (512), x9.5 (1024) and x2.9 (667, against
  // 256) faster than the hardware-GPU row's widths, same run; SwiftShader switches a coroutine per 4-lane group at
  // each barrier, so fewer invocations (each looping over more butterflies) pay fewer switches. Below 16: not measured.
  heatFftMaxInvocations: 16,
  // Barrier-free register tiles beat tfjs's workgroup-memory matMul (SwiftShader runs barriers as coroutines).
  denseTfjsAboveMacs: Infinity,
  normTfjsAboveElements: Infinity,
  // Measured: the one-dispatch heat program (workgroup memory, barriers) was x0.96 of the portable matMuls at
  // 7x7x768 and 3-80x slower than the separable passes at 7 and 14 (heatKernel.ts, BENCHMARKS.md heat-operator
  // run 2): SwiftShader runs a barrier as a coroutine switch and a dispatch is cheap there.
  fuseForFewerDispatches: false,
};

/** Other CPU rasterisers (llvmpipe, lavapipe, WARP) and any fallback adapter: not measured; SwiftShader's row. */
const SOFTWARE: KernelProfile = {
  ...SWIFTSHADER,
  name: 'software-unmeasured',
  source: 'not measured: a CPU implementation of WebGPU, given SwiftShader\'s row',
  matches: (r) => r.isFallbackAdapter || SOFTWARE_NAMES.test(text(r)),
};

/**
 * A hardware GPU no run has measured yet: WebGPU for every model, the engine's WGSL programs, chosen by first
 * principles until a gpu-kit run replaces the row with measurements (sources below). At batch 1 a GPU is bound by dispatches, not arithmetic: one WebGPU dispatch costs
 * about 24-36 us on Vulkan and 32-71 us on Metal (arXiv 2604.02344, which also reports +53 % from kernel fusion),
 * while vHeat-T 224's 4.6 GFLOPs take under 0.5 ms at a modest 10 TFLOP/s and one fp32 plane of 1024 x 1024
 * (4 MiB) crosses 1-3 TB/s of memory in microseconds. So every choice here minimises dispatches first, then trips
 * through memory, and keeps loads coalesced (consecutive invocations read consecutive channels, NHWC).
 */
const UNMEASURED_GPU: KernelProfile = {
  name: 'unmeasured-gpu',
  source: 'not measured: chosen by first principles (kernelChoice.ts) until a gpu-kit run on a real GPU',
  matches: () => true,
  gpuAboveGmacs: 0,
  // Reasoned, not measured. Along an axis of side n the matrix pass does n multiply-adds per output, the fast DCT
  // about 5 log2(n) flops plus twiddles, reorders and a Makhoul permutation, so the arithmetic crossover is near
  // n = 32. But on a GPU neither is arithmetic-bound at these sizes: the matrix pass reads n x n cosines per line
  // from cache (coalesced, no barriers); the fast DCT here keeps its line in workgroup memory (below) and pays a
  // barrier per stage (log4 n of them), with a quarter to a half of the workgroup busy per stage at small n.
  // Sides up to 56 (vHeat-T 224's largest, 56 KiB of cosines) are served by the one-dispatch fused program anyway
  // (fuseForFewerDispatches); from 64 on the O(n^2) matrix work grows past the O(n log n) transform by >= 10x
  // (64 / (5 log2 64 / 6) ~ 13), which pays for the barriers. 64, the same side SwiftShader measured.
  heatFastDctFromSide: 64,
  // Reasoned, not measured. A side with a prime factor above 7 takes two FFTs of length M (2n - 1 <= M < 4n,
  // ~3n typical) plus the chirp and the filter: about 6x the work of a smooth side's FFT, so the 10x margin above
  // moves from 64 to about 128 (at 128 the folded matrix pass does 64 multiply-adds per output, Bluestein about 64
  // flops per output of a pair). The sides this is for are photos' (hundreds: 667 = 23 x 29 is O(n^2) x 20 cheaper).
  heatBluesteinFromSide: 128,
  // The fast DCT's FFT in workgroup memory (heatFftWorkgroupProgram.ts), by gpu.md: a private array of up to 1024
  // complex values per invocation (8-32 KiB) lives in slow per-thread memory on NVIDIA and AMD (register spills);
  // a line in workgroup memory (<= 16 KiB, the default limit, for every side to 1024 with Bluestein's M <= 2048)
  // with one butterfly per invocation between barriers is the standard design (VkFFT). Cost: its loads are strided
  // by the line's neighbours (one workgroup per pair of lines), where the private program's adjacent invocations
  // read adjacent lines (coalesced); a trip through memory is microseconds against a dispatch's 24-71 us (above).
  heatFftInWorkgroupMemory: true,
  // One radix-4 butterfly per invocation per stage at L = 1024 (256 invocations, the default limit) and at L <= 256
  // (64): no loop inside a stage, the most invocations to hide the workgroup memory's latency (16 KiB per workgroup
  // leaves ~8-14 workgroups resident per SM / CU, gpu.md), the usual shape of a shared-memory FFT (VkFFT).
  heatFftMaxInvocations: 256,
  denseTfjsAboveMacs: Infinity,
  normTfjsAboveElements: Infinity,
  // Fewer dispatches first (see above): 6 per pre-norm vHeat block, 7 post-norm (fusedBlock.ts), 6 per HcNet block
  // (fusedHcBlock.ts), instead of about 20-33.
  fuseForFewerDispatches: true,
};

/** The table, first match wins. A measured GPU's row goes before SOFTWARE. */
export const KERNEL_PROFILES: readonly KernelProfile[] = [SWIFTSHADER, SOFTWARE, UNMEASURED_GPU];

export function profileFor(report: AdapterReport | null): KernelProfile {
  if (!report) return UNMEASURED_GPU;
  return KERNEL_PROFILES.find((p) => p.matches(report)) ?? UNMEASURED_GPU;
}

/** The rows' names, in table order (what `--kernel-row` and `?kernel-row=` accept). */
export const KERNEL_ROW_NAMES: readonly string[] = KERNEL_PROFILES.map((p) => p.name);

/** The row named `name`, or null where no row has that name. */
export function kernelRowNamed(name: string): KernelProfile | null {
  return KERNEL_PROFILES.find((p) => p.name === name) ?? null;
}

let active: KernelProfile = UNMEASURED_GPU;
/** The adapter of the last setActiveAdapter (its own row comes back when a forced row is released). */
let lastReport: AdapterReport | null = null;
/** A row forced by name (`--kernel-row`, `?kernel-row=`): it wins over the adapter's own row. */
let forced: KernelProfile | null = null;

/**
 * Forces the named row on whatever adapter runs (null: back to the last adapter's own row). Callers check the name first with kernelRowNamed and refuse an unknown one with a typed error.
 */
export function forceKernelRow(name: string | null): KernelProfile | null {
  forced = name === null ? null : kernelRowNamed(name);
  active = forced ?? profileFor(lastReport);
  return forced;
}

/** The row forced by name, or null (the adapter's own row applies). */
export function forcedKernelRow(): KernelProfile | null {
  return forced;
}

/** Called when a WebGPU backend starts on an adapter (the app's worker, the CLI, the benchmarks). */
export function setActiveAdapter(report: AdapterReport | null): KernelProfile {
  lastReport = report;
  active = forced ?? profileFor(report);
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
