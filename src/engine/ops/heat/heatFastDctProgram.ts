import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { uniformTable } from '../webgpuProgram';
import { HeatLineProgram, LINE_DECAY_UNIFORMS, LINE_SIZE_UNIFORMS, lineUniformValues } from './heatLineProgram';
import { fastDctPlan } from './fastDctPlan';
import { fastDctPairWgsl } from './fastDctPairWgsl';
import type { SeparablePass } from './separablePass';
import { InternalError } from '../../errors';

/**
 * Longest line the fast program takes: the size of each invocation's private FFT buffer (8 KiB of vec2<f32>).
 * A constant of the shader text, not a per-call value; longer lines use the matrix passes.
 */
export const MAX_FAST_DCT_SIDE = 1024;

const HEAT_FAST_DCT_UNIFORMS = uniformTable({ ...LINE_SIZE_UNIFORMS, factorCount: 'i32', ...LINE_DECAY_UNIFORMS });

/**
 * One pass of the separable heat operator with the fast transform (fastDctPlan.ts): a 1-D orthonormal DCT-II (or
 * DCT-III) along the middle axis of x viewed as [outer, N, inner], optionally times exp(-s * rate), in O(N log N)
 * per line. One invocation per two lines (of one channel, or of 4 adjacent channels with vec4 lanes when
 * inner % 4 == 0): the two real lines go through one complex FFT as its real and imaginary parts (PAIR_IO_WGSL), which
 * halves the FFT work and the private buffers per line. It loads the pair in the FFT's load order into a private
 * buffer, runs the in-place mixed-radix stages (radix 4 and 2 written out, 3, 5 and 7 as a small DFT), and splits
 * the result into the two lines' post-twiddled coefficients. No workgroup memory and no barriers (SwiftShader runs a
 * workgroup's invocations as coroutines switched at each barrier: see the fused program's figures in BENCHMARKS.md).
 *
 * Every size, the direction, the decay switch and s are uniforms; the plan (load order, twiddles, post-twiddles,
 * factors) is a float32 input table: one compiled pipeline for every N <= MAX_FAST_DCT_SIDE and every s.
 * The arithmetic mirrors fastDctReference.ts (float64: fftStagesInPlace, fastDctPair) line for line.
 */
export class HeatFastDctProgram extends HeatLineProgram {
  /**
   * outShape: the operator's [B,H,W,C] (as in HeatSeparableProgram); vec4: 4 channels per invocation (inner % 4 == 0),
   * so a 4-lane SIMD group of SwiftShader reads whole 64-byte lines; workItems = the pairs of lines,
   * ceil(outer * inner / component / 2).
   */
  constructor(outShape: number[], vec4: boolean, workItems: number) {
    super(outShape, vec4, workItems, 'plan', HEAT_FAST_DCT_UNIFORMS.declaration, 'heatFastDct');
  }

  getUserCode(): string {
    const lane = this.vec4 ? 'vec4<f32>' : 'f32';
    return complexLaneWgsl(lane) + PLAN_LOOKUP_WGSL + FFT_STAGES_WGSL + PAIR_IO_WGSL + PAIR_MAIN_WGSL;
  }
}

// The program's WGSL, in the order getUserCode joins it. Only the lane type (f32 or vec4<f32>) varies, and it is
// part of the shader key; every size and s are uniforms.

/** The complex lane type Cx, the private FFT buffers and complex arithmetic, for lanes of type `lane`. */
function complexLaneWgsl(lane: string): string {
  return fastDctPairWgsl(lane) + `
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

/** Reads of the plan table: twiddles and post-twiddles. */
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

// Two real lines share one complex FFT (fastDctPairWgsl.ts has the functions, fastDctReference.ts the algebra in
// float64). A lone last line is paired with itself (b = a, not written).
/** Loads and stores of a pair of lines. */
const PAIR_IO_WGSL = `
  // Forward: v_a + i v_b in load order (v = the Makhoul reordering of each line).
  fn loadForward(a0 : i32, b0 : i32) {
    let n = uniforms.lineLen;
    for (var p = 0; p < n; p++) {
      let at = makhoulIndex(i32(plan[p]), n) * uniforms.innerLen;
      fftBuf[p] = Cx(lines[a0 + at], lines[b0 + at]);
    }
  }

  // Inverse: H_a + i H_b (hermitianPair) in load order.
  fn loadInverse(a0 : i32, b0 : i32) {
    let n = uniforms.lineLen;
    let inner = uniforms.innerLen;
    for (var p = 0; p < n; p++) {
      let src = i32(plan[p]);
      let neg = select(n - src, 0, src == 0);
      fftBuf[p] = hermitianPair(lines[a0 + src * inner], lines[a0 + neg * inner], lines[b0 + src * inner], lines[b0 + neg * inner], postTwiddle(src), postTwiddle(neg));
    }
  }

  fn storeInverse(a0 : i32, b0 : i32, hasB : bool) {
    let n = uniforms.lineLen;
    for (var k = 0; k < n; k++) {
      let at = makhoulIndex(k, n) * uniforms.innerLen;
      result[a0 + at] = fftBuf[k].re;
      if (hasB) { result[b0 + at] = fftBuf[k].im; }
    }
  }

  fn storeForward(a0 : i32, b0 : i32, ra : i32, rb : i32, hasB : bool) {
    let n = uniforms.lineLen;
    for (var k = 0; k < n; k++) {
      storeForwardPair(a0, b0, ra, rb, hasB, k, fftBuf[k], fftBuf[select(n - k, 0, k == 0)], postTwiddle(k));
    }
  }
`;

// One invocation per pair of lines (2 index, 2 index + 1 in line order: adjacent channel groups, or adjacent rows).
const PAIR_MAIN_WGSL = `
  fn main(index : i32) {
    let lineCount = uniforms.outerLen * uniforms.innerLen;
    let la = 2 * index;
    if (la >= lineCount) { return; }
    let hasB = la + 1 < lineCount;
    let lb = select(la, la + 1, hasB);
    let a0 = lineStart(la);
    let b0 = lineStart(lb);
    if (uniforms.inverseDir != 0) {
      loadInverse(a0, b0);
      fftStages();
      storeInverse(a0, b0, hasB);
      return;
    }
    loadForward(a0, b0);
    fftStages();
    storeForward(a0, b0, rateStart(la), rateStart(lb), hasB);
  }
`;

// Float32 plan tables, per N: [load order (N) | twiddles (2N) | post-twiddles (2N) | factors], each value rounded once.
const tableCache = new Map<number, Float32Array>();

/** The fast program's plan table for lines of length n (7-smooth, n <= MAX_FAST_DCT_SIDE), cached per n. */
export function fastDctTableF32(n: number): Float32Array {
  let table = tableCache.get(n);
  if (!table) {
    if (n > MAX_FAST_DCT_SIDE) throw new InternalError(`fastDctTableF32: length ${n} exceeds ${MAX_FAST_DCT_SIDE}`);
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
  const program = new HeatFastDctProgram(x.shape, vec4, Math.ceil((outer * innerUnits) / 2));
  const uniforms = HEAT_FAST_DCT_UNIFORMS.values({ ...lineUniformValues(pass, innerUnits), factorCount: table.shape[0] - 5 * n });
  return backend.runWebGPUProgram(program, [x, table, rate], 'float32', uniforms);
}
