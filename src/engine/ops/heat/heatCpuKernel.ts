// The heat-conduction operator as one TypeScript kernel for the 'wasm' and 'cpu' backends (the WGSL programs are
// heatSeparableProgram.ts / heatFastDctProgram.ts). Four separable passes over each image, accumulated in float64:
// DCT along H, DCT along W with the decay exp(-s rate), inverse along W, inverse along H. Loops run along the
// contiguous channel (or W*C) axis, so each inner loop is a plain axpy.
//
// It does 2 H W C (H + W) multiply-adds per image in scalar JS, where the portable path (heatPortable.ts) hands the
// same products to tfjs-wasm's XNNPACK matMul at ~10x the rate but pays ~24 kernels (matMuls, transposes, reshapes,
// exp) of fixed cost. So 'auto' takes this kernel only for small maps: see preferHeatCpuKernel.
//
// For image-sized maps the kernel runs the fast DCT instead (cpuHeatFast.ts on cpuFastDct.ts, O(H W log(H W)) per
// plane, any side through Bluestein's algorithm), which beats the portable matMuls there: see cpuHeatChoice. (The float64
// reference transform, fastDctReference.ts, lost to the matMuls at every size when tried here: it allocates per line
// and recomputes twiddle indices; BENCHMARKS.md cpu-heat run 2.)
import type { TensorInfo } from '@tensorflow/tfjs';
import type { CpuKernel } from '../cpuKernel';
import { cachedDctMatrix } from './dctBasis';
import { heatConductionFast } from './cpuHeatFast';
import { fastDctSupported } from './fastDctPlan';
import type { HeatKernelAttrs, HeatWgslStrategy } from './heatKernelAttrs';

/**
 * Largest work (multiply-adds, 2 B H W C (H + W)) for which 'auto' picks the TypeScript kernel on 'wasm'/'cpu'.
 * Measured with `npm run bench -- cpu-heat` (Chromium's tfjs-wasm, BENCHMARKS.md): the kernel does ~0.23
 * multiply-adds per ns, the portable path costs ~0.3 ms of kernel launches before its matMuls count; they tie at
 * 8x8x32 (2^16: x0.97), the kernel wins x1.7 to x4.5 below (the bundled model's 4x4, 2x2 and 1x1 stages) and loses
 * x0.58 at 8x8x64 and x0.15 at vHeat-T's 28x28x192.
 */
export const HEAT_CPU_KERNEL_MAX_WORK = 2 ** 16;

/** Whether 'auto' runs the TypeScript kernel on the cosine matrices for phi of this shape. */
export function preferHeatCpuKernel([b, h, w, c]: readonly number[]): boolean {
  return 2 * b * h * w * c * (h + w) <= HEAT_CPU_KERNEL_MAX_WORK;
}

/**
 * Smallest side from which the fast DCT beats the portable matMuls on the CPU path, for a 7-smooth side (mixed
 * radix) and for any other side (Bluestein's FFT of length 2-4x the side, ~3-5x the work of a smooth one).
 * Measured with `npm run bench -- cpu-heat` (BENCHMARKS.md, cpu-heat run 3, fast vs portable, 3 planes): smooth
 * 64 x1.00, 128 x1.96, 224 x1.05, 512 x5.2; Bluestein 263 x0.54, 667 x1.27, 1009 x2.18. Maps with many channels
 * and small sides (vHeat-T's 56x56x96 x0.27, 28x28x192 x0.27) stay on the matMuls, which batch the channels.
 */
export const CPU_FAST_DCT_FROM_SIDE = 128;
export const CPU_FAST_DCT_BLUESTEIN_FROM_SIDE = 512;

function fastDctPays(n: number): boolean {
  return n >= (fastDctSupported(n) ? CPU_FAST_DCT_FROM_SIDE : CPU_FAST_DCT_BLUESTEIN_FROM_SIDE);
}

/**
 * What 'auto' runs on 'wasm'/'cpu' for phi of this shape: the matrix kernel (small maps), the fast-DCT kernel (both
 * sides past the fast DCT's crossover) or the tfjs ops.
 */
export function cpuHeatChoice(shape: readonly number[]): 'matrix-kernel' | 'fast-kernel' | 'portable' {
  if (preferHeatCpuKernel(shape)) return 'matrix-kernel';
  return fastDctPays(shape[1]) && fastDctPays(shape[2]) ? 'fast-kernel' : 'portable';
}

/**
 * The kernel's transform for a strategy: 'matrix' / 'fast' forced (benchmarks, tests; 'fast-workgroup', a WGSL
 * placement, is 'fast' here), 'auto' by cpuHeatChoice.
 */
export function cpuKernelTransform(shape: readonly number[], strategy: HeatWgslStrategy): 'matrix' | 'fast' {
  if (strategy === 'fast-workgroup') return 'fast';
  if (strategy !== 'auto') return strategy;
  return cpuHeatChoice(shape) === 'matrix-kernel' ? 'matrix' : 'fast';
}

/**
 * Scratch space reused by every call (grown, never shrunk): the small maps this kernel serves are run hundreds of
 * times a second, and fresh arrays per call would only feed the garbage collector. (JS is single-threaded here.)
 */
let scratch = new Float64Array(0);

function scratchViews(size: number, plane: number): [Float64Array, Float64Array, Float64Array, Float64Array] {
  const need = 3 * size + plane;
  if (scratch.length < need) scratch = new Float64Array(need);
  return [scratch.subarray(0, size), scratch.subarray(size, 2 * size), scratch.subarray(2 * size, 3 * size), scratch.subarray(3 * size, need)];
}

/** out = IDCT_HW(DCT_HW(phi) * exp(-scale * rate)) for phi [B,H,W,C] (NHWC), rate [H,W,C]. */
export function heatConductionRows(phi: Float32Array, [b, h, w, c]: readonly number[], rate: Float32Array, scale: number, out: Float32Array): void {
  const dh = cachedDctMatrix(h);
  const dw = cachedDctMatrix(w);
  const plane = w * c;
  const size = h * plane;
  const [decay, t1, t2, row] = scratchViews(size, plane);
  for (let i = 0; i < size; i++) decay[i] = Math.exp(-scale * rate[i]);
  for (let bi = 0; bi < b; bi++) {
    const base = bi * size;
    // Along H: t1[n, :] = sum_y D_H[n, y] phi[y, :] (rows of W*C).
    t1.fill(0);
    for (let n = 0; n < h; n++) {
      const o = n * plane;
      for (let y = 0; y < h; y++) {
        const d = dh[n * h + y];
        const p = base + y * plane;
        for (let j = 0; j < plane; j++) t1[o + j] += d * phi[p + j];
      }
    }
    // Along W, then the decay: t2[n, m, :] = exp(-s rate[n, m, :]) * sum_x D_W[m, x] t1[n, x, :].
    t2.fill(0);
    for (let n = 0; n < h; n++) {
      for (let m = 0; m < w; m++) {
        const o = n * plane + m * c;
        for (let x = 0; x < w; x++) {
          const d = dw[m * w + x];
          const p = n * plane + x * c;
          for (let ch = 0; ch < c; ch++) t2[o + ch] += d * t1[p + ch];
        }
        for (let ch = 0; ch < c; ch++) t2[o + ch] *= decay[o + ch];
      }
    }
    // Inverse along W: t1[n, x, :] = sum_m D_W[m, x] t2[n, m, :].
    t1.fill(0);
    for (let n = 0; n < h; n++) {
      for (let x = 0; x < w; x++) {
        const o = n * plane + x * c;
        for (let m = 0; m < w; m++) {
          const d = dw[m * w + x];
          const p = n * plane + m * c;
          for (let ch = 0; ch < c; ch++) t1[o + ch] += d * t2[p + ch];
        }
      }
    }
    // Inverse along H: out[y, :] = sum_n D_H[n, y] t1[n, :] (summed in float64, stored once as float32).
    for (let y = 0; y < h; y++) {
      row.fill(0);
      for (let n = 0; n < h; n++) {
        const d = dh[n * h + y];
        const p = n * plane;
        for (let j = 0; j < plane; j++) row[j] += d * t1[p + j];
      }
      out.set(row, base + y * plane);
    }
  }
}

/** The TypeScript pass of the operator's kernel (heatKernel.ts) on 'wasm' and 'cpu'. */
export const heatCpuPass: Pick<CpuKernel<HeatKernelAttrs>, 'outputShape' | 'run'> = {
  outputShape: ([phi]: readonly TensorInfo[]) => [...phi.shape],
  // On 'wasm' with the CPU pool running, the fast step runs on every thread instead (ops/cpuPool/pooledKernels.ts).
  run: ([phi, rate], [shape], out, { scale, strategy }) =>
    (cpuKernelTransform(shape, strategy) === 'fast' ? heatConductionFast : heatConductionRows)(phi, shape, rate, scale, out),
};
