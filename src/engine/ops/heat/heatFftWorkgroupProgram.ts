import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { MAX_WORKGROUPS_PER_DIMENSION, uniformTable } from '../webgpuProgram';
import { LINE_DECAY_UNIFORMS, LINE_SIZE_UNIFORMS, lineUniformValues } from './heatLineProgram';
import { fftWorkgroupLayout, fftWorkgroupLength } from './fftWorkgroupPlan';
import { fastDctPairWgsl } from './fastDctPairWgsl';
import type { SeparablePass } from './separablePass';

/**
 * Most complex values a line buffer holds: 2048 (Bluestein's M for every side up to 1024) x 8 bytes = 16 KiB, the
 * WebGPU default maxComputeWorkgroupStorageSize, so every adapter takes every side <= 1024. In-place decimation in time
 * needs one buffer (a Stockham FFT ping-pongs two, 32 KiB at M = 2048, over the default).
 */
const MAX_LINE_CAPACITY = 2048;
/**
 * Lines whose FFT is at most this long run in the small pipeline: a 2 KiB buffer, 64 invocations (one radix-4
 * butterfly each per stage at L = 256).
 */
const SMALL_LINE = 256;
const SMALL_WORKGROUP = 64;
/** Invocations of the large pipeline (one radix-4 butterfly each per stage at L = 1024), if the adapter allows. */
const LARGE_WORKGROUP = 256;

const HEAT_FFT_WORKGROUP_UNIFORMS = uniformTable({
  ...LINE_SIZE_UNIFORMS, fftLen: 'i32', factorCount: 'i32', bluestein: 'i32', slotAt: 'i32', twiddleAt: 'i32',
  factorAt: 'i32', postAt: 'i32', chirpAt: 'i32', filterAt: 'i32', pairCount: 'i32', gridWidth: 'i32', ...LINE_DECAY_UNIFORMS,
});

/** The pipeline a line needs: its buffer's capacity (complex values) and workgroup width. */
export interface FftWorkgroupShape {
  capacity: number;
  workgroup: number;
}

/** What the program needs of the device (GPUDevice.limits, as requested in adapter.ts with the adapter's maxima). */
export interface FftWorkgroupLimits {
  maxComputeWorkgroupStorageSize: number;
  maxComputeInvocationsPerWorkgroup: number;
  maxComputeWorkgroupSizeX: number;
}

/**
 * The pipeline for a DCT line of length n on a device with these limits, or null where the line's FFT (n, or
 * Bluestein's M for a side with a prime factor above 7) does not fit the device's workgroup memory: the caller then
 * falls back to the private-array program (heatFastDctProgram.ts, 7-smooth sides) or to the matrix passes.
 * maxInvocations: the kernel-choice row's cap on the workgroup's width (heatFftMaxInvocations: SwiftShader runs
 * fewer, wider-working invocations faster, a GPU wants one butterfly per invocation); each invocation loops over
 * its share of the butterflies, so any width is correct.
 */
export function fftWorkgroupShape(n: number, limits: FftWorkgroupLimits, maxInvocations: number): FftWorkgroupShape | null {
  const len = fftWorkgroupLength(n);
  const widest = Math.min(maxInvocations, limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  if (len <= SMALL_LINE) return { capacity: SMALL_LINE, workgroup: Math.min(SMALL_WORKGROUP, widest) };
  const capacity = Math.min(MAX_LINE_CAPACITY, Math.floor(limits.maxComputeWorkgroupStorageSize / 8));
  return len <= capacity ? { capacity, workgroup: Math.min(LARGE_WORKGROUP, widest) } : null;
}

/**
 * One pass of the separable heat operator with the fast DCT's FFT in WORKGROUP memory: a 1-D orthonormal DCT-II (or
 * DCT-III) along the middle axis of x viewed as [outer, N, inner], optionally times exp(-s * rate), for ANY N up to
 * what the device's workgroup memory takes (fftWorkgroupShape). One workgroup per pair of real lines packed as one
 * complex line (the pair algebra of fastDctReference.ts), the line in a workgroup array of vec2<f32>; its invocations
 * load it (Makhoul's order, digit-reversed), run the in-place decimation-in-time stages (radix 4 and 2 written out,
 * 3, 5 and 7 as a small DFT; each invocation takes butterflies lid, lid + WG, ..., a barrier between stages), and split it into
 * the two lines' coefficients. A side with a prime factor above 7 goes through Bluestein's chirp-z
 * (fftWorkgroupPlan.ts): chirp on load, FFT of length M, times the filter's FFT, conjugated and scattered to the
 * load order through registers, a second FFT, the chirp again on the way out.
 *
 * For a hardware GPU (kernelChoice.ts, heatFftInWorkgroupMemory): no per-invocation array of N values (which spills
 * to slow memory, gpu.md) and log N barriers instead; every side gets O(N log N). Twiddles, chirp and filter come
 * from the float64 table rounded once to float32 (a storage buffer every workgroup reads alike, so cached): WGSL's
 * sin/cos only promise an absolute error of 2^-11, far from the 1e-5 this operator keeps. The lane is f32 (one
 * channel per line): vec4 lanes would need 64 KiB at M = 2048.
 *
 * Sizes, table offsets, the direction, the decay switch and s are uniforms; the WGSL text depends only on the
 * buffer's capacity and the workgroup width (a workgroup array needs a constant size), both in the shader key:
 * two pipelines per device and row, small lines and large ones. The width is the row's (heatFftMaxInvocations:
 * 256 / 64 on the hardware-GPU row, one radix-4 butterfly per invocation and stage at L = 1024 / 256; 16 on
 * SwiftShader, where fewer invocations pay fewer barrier switches, BENCHMARKS.md heat-operator run 5).
 *
 * Known cost on a GPU (not measured): a workgroup's loads and stores walk one pair of lines, strided by the lines'
 * inner size (NHWC), so they are not coalesced across invocations; several adjacent pairs per workgroup would be,
 * at the price of workgroup memory (left for a measured row).
 */
export class HeatFftWorkgroupProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames = ['lines', 'plan', 'rates'];
  variableComponents = [1, 1, 1];
  outputComponent = 1;
  uniforms = HEAT_FFT_WORKGROUP_UNIFORMS.declaration;
  workgroupSize: [number, number, number];
  size = false;

  /**
   * outShape: the operator's [B,H,W,C] (the same on every pass, so tfjs's shader key never changes); pairs: the
   * workgroups, gridWidth of them per row of a 2-D grid (the gridWidth uniform) when there are more.
   */
  constructor(outShape: number[], private readonly shape: FftWorkgroupShape, pairs: number, gridWidth: number) {
    this.outputShape = outShape;
    this.workgroupSize = [shape.workgroup, 1, 1];
    this.dispatchLayout = { x: [0, 1, 2, 3] };
    this.dispatch = pairs <= gridWidth ? [pairs, 1, 1] : [gridWidth, Math.ceil(pairs / gridWidth), 1];
    this.shaderKey = `heatFftWorkgroup_${shape.capacity}_${shape.workgroup}`;
  }

  getUserCode(): string {
    const { capacity, workgroup } = this.shape;
    const held = Math.ceil(capacity / workgroup);
    return `
  const WG : i32 = ${workgroup};
  const HELD : i32 = ${held};
  var<workgroup> fftLine : array<vec2<f32>, ${capacity}>;
` + fastDctPairWgsl('f32') + TABLE_WGSL + STAGES_WGSL + LOAD_WGSL + STORE_WGSL + MAIN_WGSL;
  }
}

// The program's WGSL, in the order getUserCode joins it; WG, HELD and the buffer's capacity come before it.

/** Complex product and the table's reads (offsets from the uniforms, fftWorkgroupLayout). */
const TABLE_WGSL = `
  fn cmul(a : vec2<f32>, w : vec2<f32>) -> vec2<f32> {
    return vec2<f32>(a.x * w.x - a.y * w.y, a.x * w.y + a.y * w.x);
  }

  fn planPair(at : i32) -> vec2<f32> { return vec2<f32>(plan[at], plan[at + 1]); }
  // W_L^k, k < L.
  fn twiddle(k : i32) -> vec2<f32> { return planPair(uniforms.twiddleAt + 2 * k); }
  // s_k e^{-i pi k / 2N}, k < N.
  fn postTwiddle(k : i32) -> vec2<f32> { return planPair(uniforms.postAt + 2 * k); }
  fn chirp(j : i32) -> vec2<f32> { return planPair(uniforms.chirpAt + 2 * j); }
`;

/** The in-place stages over fftLine: one butterfly per invocation and step, a barrier after each stage. */
const STAGES_WGSL = `
  var<private> radixTmp : array<vec2<f32>, 7>;

  // The butterfly of radix f at base (its first element), inputs span apart, twiddles W_L^{jk stride}.
  fn butterfly(f : i32, base : i32, span : i32, k : i32, stride : i32) {
    if (f == 2) {
      let a0 = fftLine[base];
      let a1 = cmul(fftLine[base + span], twiddle(k * stride));
      fftLine[base] = a0 + a1;
      fftLine[base + span] = a0 - a1;
      return;
    }
    if (f == 4) {
      let t0 = fftLine[base];
      let t1 = cmul(fftLine[base + span], twiddle(k * stride));
      let t2 = cmul(fftLine[base + 2 * span], twiddle(2 * k * stride));
      let t3 = cmul(fftLine[base + 3 * span], twiddle(3 * k * stride));
      let s02 = t0 + t2;
      let d02 = t0 - t2;
      let s13 = t1 + t3;
      let d13 = t1 - t3;
      let rot = vec2<f32>(d13.y, -d13.x); // -i * d13, since W_4 = -i
      fftLine[base] = s02 + s13;
      fftLine[base + span] = d02 + rot;
      fftLine[base + 2 * span] = s02 - s13;
      fftLine[base + 3 * span] = d02 - rot;
      return;
    }
    // Radix 3, 5 or 7: twiddled inputs, then the direct DFT (W_f^{jq} = W_L^{(jq mod f) L/f}).
    let radixStride = uniforms.fftLen / f;
    for (var j = 0; j < f; j++) {
      radixTmp[j] = cmul(fftLine[base + j * span], twiddle(j * k * stride));
    }
    for (var q = 0; q < f; q++) {
      var acc = radixTmp[0];
      for (var j = 1; j < f; j++) {
        acc = acc + cmul(radixTmp[j], twiddle(((j * q) % f) * radixStride));
      }
      fftLine[base + q * span] = acc;
    }
  }

  fn fftStages(lid : i32) {
    let len = uniforms.fftLen;
    var span = 1;
    for (var s = 0; s < uniforms.factorCount; s++) {
      let f = i32(plan[uniforms.factorAt + s]);
      let stride = len / (span * f);
      for (var b = lid; b < len / f; b += WG) {
        let k = b % span;
        butterfly(f, (b / span) * f * span + k, span, k, stride);
      }
      workgroupBarrier();
      span = span * f;
    }
  }

  // Bluestein between its two FFTs: y = conj(FFT(u) * F) into the load order (slot), through registers.
  fn bluesteinFilter(lid : i32) {
    var held : array<vec2<f32>, HELD>;
    for (var i = 0; i < HELD; i++) {
      let p = lid + i * WG;
      if (p < uniforms.fftLen) {
        let y = cmul(fftLine[p], planPair(uniforms.filterAt + 2 * p));
        held[i] = vec2<f32>(y.x, -y.y);
      }
    }
    workgroupBarrier();
    for (var i = 0; i < HELD; i++) {
      let p = lid + i * WG;
      if (p < uniforms.fftLen) { fftLine[i32(plan[uniforms.slotAt + p])] = held[i]; }
    }
    workgroupBarrier();
  }

  // The length-N FFT of the loaded line at k < N, natural order (Bluestein: conj of the second FFT times the chirp).
  fn spectrum(k : i32) -> vec2<f32> {
    if (uniforms.bluestein == 0) { return fftLine[k]; }
    let z = fftLine[k];
    return cmul(vec2<f32>(z.x, -z.y), chirp(k));
  }
`;

// Two real lines share one complex FFT (fastDctPairWgsl.ts has the functions, fastDctReference.ts the algebra in
// float64). A lone last line is paired with itself (b = a, not written).
/** The load of a pair of lines into fftLine, in the FFT's load order (times the chirp for Bluestein, zero-padded). */
const LOAD_WGSL = `
  // Forward: v_a + i v_b at j (Makhoul's order). Inverse: H_a + i H_b (hermitianPair).
  fn lineInput(a0 : i32, b0 : i32, j : i32) -> vec2<f32> {
    let n = uniforms.lineLen;
    let inner = uniforms.innerLen;
    if (uniforms.inverseDir == 0) {
      let at = makhoulIndex(j, n) * inner;
      return vec2<f32>(lines[a0 + at], lines[b0 + at]);
    }
    let neg = select(n - j, 0, j == 0);
    let h = hermitianPair(lines[a0 + j * inner], lines[a0 + neg * inner], lines[b0 + j * inner], lines[b0 + neg * inner], postTwiddle(j), postTwiddle(neg));
    return vec2<f32>(h.re, h.im);
  }

  fn loadLine(a0 : i32, b0 : i32, lid : i32) {
    for (var p = lid; p < uniforms.fftLen; p += WG) {
      let j = i32(plan[p]);
      var v = vec2<f32>(0.0);
      if (j < uniforms.lineLen) {
        v = lineInput(a0, b0, j);
        if (uniforms.bluestein != 0) { v = cmul(v, chirp(j)); }
      }
      fftLine[p] = v;
    }
  }
`;

/** The split into the two lines' outputs (forward: coefficients times the decay; inverse: samples). */
const STORE_WGSL = `
  fn storeInverse(a0 : i32, b0 : i32, hasB : bool, lid : i32) {
    let n = uniforms.lineLen;
    for (var k = lid; k < n; k += WG) {
      let at = makhoulIndex(k, n) * uniforms.innerLen;
      let z = spectrum(k);
      result[a0 + at] = z.x;
      if (hasB) { result[b0 + at] = z.y; }
    }
  }

  fn storeForward(a0 : i32, b0 : i32, ra : i32, rb : i32, hasB : bool, lid : i32) {
    let n = uniforms.lineLen;
    for (var k = lid; k < n; k += WG) {
      let z = spectrum(k);
      let y = spectrum(select(n - k, 0, k == 0));
      storeForwardPair(a0, b0, ra, rb, hasB, k, Cx(z.x, z.y), Cx(y.x, y.y), postTwiddle(k));
    }
  }
`;

// One workgroup per pair of lines (2 g, 2 g + 1 in line order: adjacent channels, or adjacent rows). No early return:
// the barriers need uniform control flow, so a workgroup past the last pair loads line 0 and skips its stores.
const MAIN_WGSL = `
  fn main(flatIndex : i32) {
    let lid = i32(localIndex);
    let pair = i32(workgroupId.x) + i32(workgroupId.y) * uniforms.gridWidth;
    let live = pair < uniforms.pairCount;
    let lineCount = uniforms.outerLen * uniforms.innerLen;
    let la = select(0, 2 * pair, live);
    let hasB = la + 1 < lineCount;
    let lb = select(la, la + 1, hasB);
    let a0 = lineStart(la);
    let b0 = lineStart(lb);
    loadLine(a0, b0, lid);
    workgroupBarrier();
    fftStages(lid);
    if (uniforms.bluestein != 0) {
      bluesteinFilter(lid);
      fftStages(lid);
    }
    if (!live) { return; }
    if (uniforms.inverseDir != 0) {
      storeInverse(a0, b0, hasB, lid);
    } else {
      storeForward(a0, b0, rateStart(la), rateStart(lb), hasB, lid);
    }
  }
`;

/**
 * Runs one pass on x ([B,H,W,C], viewed as pass.lineShape); table = fftWorkgroupTableF32(N) as a tensor, shape =
 * fftWorkgroupShape(N, device limits) (not null). gridWidth: workgroups per row of the grid (the WebGPU default
 * limit; a test passes a small one to reach the 2-D grid without 65536 workgroups).
 */
export function heatFftWorkgroupPass(
  backend: WebGPUBackend, x: TensorInfo, table: TensorInfo, rate: TensorInfo, pass: SeparablePass, shape: FftWorkgroupShape,
  gridWidth = MAX_WORKGROUPS_PER_DIMENSION,
): TensorInfo {
  const [outer, n, inner] = pass.lineShape;
  const pairs = Math.ceil((outer * inner) / 2);
  const lay = fftWorkgroupLayout(n);
  const program = new HeatFftWorkgroupProgram(x.shape, shape, pairs, gridWidth);
  const uniforms = HEAT_FFT_WORKGROUP_UNIFORMS.values({
    ...lineUniformValues(pass, inner),
    fftLen: lay.fftLen,
    factorCount: lay.factorCount,
    bluestein: lay.bluestein ? 1 : 0,
    slotAt: lay.slotAt,
    twiddleAt: lay.twiddleAt,
    factorAt: lay.factorAt,
    postAt: lay.postAt,
    chirpAt: lay.chirpAt,
    filterAt: lay.filterAt,
    pairCount: pairs,
    gridWidth,
  });
  return backend.runWebGPUProgram(program, [x, table, rate], 'float32', uniforms);
}
