import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { uniformTable } from '../webgpuProgram';
import { HeatLineProgram, LINE_DECAY_UNIFORMS, LINE_SIZE_UNIFORMS, lineUniformValues } from './heatLineProgram';
import { fastDctPlan } from './fastDctPlan';
import type { SeparablePass } from './heatSeparableProgram';

/**
 * Longest line the fast program takes: the size of each invocation's private FFT buffer (8 KiB of vec2<f32>).
 * A constant of the shader text, not a per-call value; longer lines use the matrix passes.
 */
export const MAX_FAST_DCT_SIDE = 1024;

const HEAT_FAST_DCT_UNIFORMS = uniformTable({ ...LINE_SIZE_UNIFORMS, factorCount: 'i32', ...LINE_DECAY_UNIFORMS });

/**
 * One pass of the separable heat operator with the fast transform (fastDctPlan.ts): a 1-D orthonormal DCT-II (or
 * DCT-III) along the middle axis of x viewed as [outer, N, inner], optionally times exp(-s * rate), in O(N log N)
 * per line. One invocation per line (per 4 lines of adjacent channels, vec4 lanes, when inner % 4 == 0): it loads
 * the line in the FFT's load order into a private buffer, runs the in-place mixed-radix stages (radix 4 and 2
 * written out, 3, 5 and 7 as a small DFT), and writes the post-twiddled real parts. No workgroup memory and no barriers (SwiftShader runs a workgroup's invocations as coroutines switched
 * at each barrier: see the fused program's figures in BENCHMARKS.md).
 *
 * Every size, the direction, the decay switch and s are uniforms; the plan (load order, twiddles, post-twiddles,
 * factors) is a float32 input table: one compiled pipeline for every N <= MAX_FAST_DCT_SIDE and every s.
 * The arithmetic mirrors fastDctReference.ts (float64) line for line.
 */
export class HeatFastDctProgram extends HeatLineProgram {
  /**
   * outShape: the operator's [B,H,W,C] (as in HeatSeparableProgram); vec4: 4 channels per invocation (inner % 4 == 0),
   * so a 4-lane SIMD group of SwiftShader reads whole 64-byte lines; workItems = outer * inner / component lines.
   */
  constructor(outShape: number[], vec4: boolean, workItems: number) {
    super(outShape, vec4, workItems, 'plan', HEAT_FAST_DCT_UNIFORMS.declaration, 'heatFastDct');
  }

  getUserCode(): string {
    const lane = this.vec4 ? 'vec4<f32>' : 'f32';
    return complexLaneWgsl(lane) + PLAN_LOOKUP_WGSL + FFT_STAGES_WGSL + lineMainWgsl(lane);
  }
}

// The program's WGSL, in the order getUserCode joins it. Only the lane type (f32 or vec4<f32>) varies, and it is
// part of the shader key; every size and s are uniforms.

/** The complex lane type Cx, the private FFT buffers and complex arithmetic, for lanes of type `lane`. */
function complexLaneWgsl(lane: string): string {
  return `
  // A complex value per lane: real and imaginary parts of one channel (f32) or of four (vec4).
  struct Cx { re : ${lane}, im : ${lane} };

  var<private> fftBuf : array<Cx, ${MAX_FAST_DCT_SIDE}>;
  var<private> radixTmp : array<Cx, 7>;

  // a times the complex scalar w.
  fn cmul(a : Cx, w : vec2<f32>) -> Cx {
    return Cx(a.re * w.x - a.im * w.y, a.re * w.y + a.im * w.x);
  }

  fn cadd(a : Cx, b : Cx) -> Cx { return Cx(a.re + b.re, a.im + b.im); }
  fn csub(a : Cx, b : Cx) -> Cx { return Cx(a.re - b.re, a.im - b.im); }

`;
}

/** Reads of the plan table: twiddles, post-twiddles, and the Makhoul reordering of a line. */
const PLAN_LOOKUP_WGSL = `  // W_N^k, k < N (plan offset N).
  fn twiddle(k : i32) -> vec2<f32> {
    let at = uniforms.lineLen + 2 * k;
    return vec2<f32>(plan[at], plan[at + 1]);
  }

  // s_n e^{-i pi n / 2N} (plan offset 3N).
  fn postTwiddle(k : i32) -> vec2<f32> {
    let at = 3 * uniforms.lineLen + 2 * k;
    return vec2<f32>(plan[at], plan[at + 1]);
  }

  fn makhoulIndex(k : i32, n : i32) -> i32 {
    if (k < (n + 1) / 2) { return 2 * k; }
    return 2 * (n - 1 - k) + 1;
  }

`;

/** The in-place mixed-radix FFT over fftBuf: radix 4 and 2 written out, 3, 5 and 7 as a small DFT. */
const FFT_STAGES_WGSL = `  fn radix2Stage(span : i32, stride : i32) {
    let n = uniforms.lineLen;
    for (var base = 0; base < n; base += 2 * span) {
      for (var k = 0; k < span; k++) {
        let a0 = fftBuf[base + k];
        let a1 = cmul(fftBuf[base + span + k], twiddle(k * stride));
        fftBuf[base + k] = cadd(a0, a1);
        fftBuf[base + span + k] = csub(a0, a1);
      }
    }
  }

  fn radix4Stage(span : i32, stride : i32) {
    let n = uniforms.lineLen;
    for (var base = 0; base < n; base += 4 * span) {
      for (var k = 0; k < span; k++) {
        let t0 = fftBuf[base + k];
        let t1 = cmul(fftBuf[base + span + k], twiddle(k * stride));
        let t2 = cmul(fftBuf[base + 2 * span + k], twiddle(2 * k * stride));
        let t3 = cmul(fftBuf[base + 3 * span + k], twiddle(3 * k * stride));
        let s02 = cadd(t0, t2);
        let d02 = csub(t0, t2);
        let s13 = cadd(t1, t3);
        let d13 = csub(t1, t3);
        let rot = Cx(d13.im, -d13.re); // -i * d13, since W_4 = -i
        fftBuf[base + k] = cadd(s02, s13);
        fftBuf[base + span + k] = cadd(d02, rot);
        fftBuf[base + 2 * span + k] = csub(s02, s13);
        fftBuf[base + 3 * span + k] = csub(d02, rot);
      }
    }
  }

  // Radix 3, 5 or 7: twiddled inputs, then a direct DFT of length f (W_f^{jq} = W_N^{(jq mod f) N/f}).
  fn radixSmallStage(f : i32, span : i32, stride : i32) {
    let n = uniforms.lineLen;
    let radixStride = n / f;
    for (var base = 0; base < n; base += f * span) {
      for (var k = 0; k < span; k++) {
        for (var j = 0; j < f; j++) {
          radixTmp[j] = cmul(fftBuf[base + j * span + k], twiddle(j * k * stride));
        }
        for (var q = 0; q < f; q++) {
          var acc = radixTmp[0];
          for (var j = 1; j < f; j++) {
            acc = cadd(acc, cmul(radixTmp[j], twiddle(((j * q) % f) * radixStride)));
          }
          fftBuf[base + q * span + k] = acc;
        }
      }
    }
  }

  fn fftStages() {
    let n = uniforms.lineLen;
    var span = 1;
    for (var s = 0; s < uniforms.factorCount; s++) {
      let f = i32(plan[5 * n + s]);
      let stride = n / (span * f);
      if (f == 4) { radix4Stage(span, stride); }
      else if (f == 2) { radix2Stage(span, stride); }
      else { radixSmallStage(f, span, stride); }
      span = span * f;
    }
  }

`;

/** main: one line (of `lane` channels) loaded in the plan's order, transformed, post-twiddled, decayed, stored. */
function lineMainWgsl(lane: string): string {
  return `  fn main(index : i32) {
    let inner = uniforms.innerLen;
    let n = uniforms.lineLen;
    if (index >= uniforms.outerLen * inner) { return; }
    let i = index % inner;
    let o = index / inner;
    let lineBase = o * n * inner + i;
    let inverse = uniforms.inverseDir != 0;
    for (var p = 0; p < n; p++) {
      let src = i32(plan[p]);
      if (inverse) {
        let w = postTwiddle(src);
        let x = lines[lineBase + src * inner];
        fftBuf[p] = Cx(x * w.x, x * w.y);
      } else {
        fftBuf[p] = Cx(lines[lineBase + makhoulIndex(src, n) * inner], ${lane}(0.0));
      }
    }
    fftStages();
    if (inverse) {
      for (var k = 0; k < n; k++) {
        result[lineBase + makhoulIndex(k, n) * inner] = fftBuf[k].re;
      }
      return;
    }
    let rateBase = (o % uniforms.rateRows) * n * inner + i;
    for (var k = 0; k < n; k++) {
      let w = postTwiddle(k);
      var coeff = fftBuf[k].re * w.x - fftBuf[k].im * w.y;
      if (uniforms.applyDecay != 0) { coeff = coeff * exp(-uniforms.decayScale * rates[rateBase + k * inner]); }
      result[lineBase + k * inner] = coeff;
    }
  }
`;
}

// Float32 plan tables, per N: [load order (N) | twiddles (2N) | post-twiddles (2N) | factors], each value rounded once.
const tableCache = new Map<number, Float32Array>();

/** The fast program's plan table for lines of length n (7-smooth, n <= MAX_FAST_DCT_SIDE), cached per n. */
export function fastDctTableF32(n: number): Float32Array {
  let table = tableCache.get(n);
  if (!table) {
    if (n > MAX_FAST_DCT_SIDE) throw new Error(`fastDctTableF32: length ${n} exceeds ${MAX_FAST_DCT_SIDE}`);
    const plan = fastDctPlan(n);
    table = new Float32Array(5 * n + plan.factors.length);
    table.set(plan.loadOrder, 0);
    table.set(plan.twiddles, n);
    table.set(plan.postTwiddles, 3 * n);
    table.set(plan.factors, 5 * n);
    tableCache.set(n, table);
  }
  return table;
}

/** Runs one fast pass on x ([B,H,W,C], viewed as pass.lineShape); table = fastDctTableF32(N) as a tensor. */
export function heatFastDctPass(backend: WebGPUBackend, x: TensorInfo, table: TensorInfo, rate: TensorInfo, pass: SeparablePass): TensorInfo {
  const [outer, n, inner] = pass.lineShape;
  const vec4 = inner % 4 === 0;
  const innerUnits = vec4 ? inner / 4 : inner;
  const program = new HeatFastDctProgram(x.shape, vec4, outer * innerUnits);
  const uniforms = HEAT_FAST_DCT_UNIFORMS.values({ ...lineUniformValues(pass, innerUnits), factorCount: table.shape[0] - 5 * n });
  return backend.runWebGPUProgram(program, [x, table, rate], 'float32', uniforms);
}
