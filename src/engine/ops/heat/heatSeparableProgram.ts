import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { uniformTable } from '../webgpuProgram';
import type { SeparablePass } from './separablePass';
import { HeatLineProgram, LINE_DECAY_UNIFORMS, LINE_SIZE_UNIFORMS, lineUniformValues } from './heatLineProgram';

const HEAT_SEPARABLE_UNIFORMS = uniformTable({ ...LINE_SIZE_UNIFORMS, blockCount: 'i32', tableOffset: 'i32', ...LINE_DECAY_UNIFORMS });

/**
 * One pass of the separable heat operator: a 1-D orthonormal DCT-II (or its inverse) along the middle
 * axis of x viewed as [outer, N, inner], optionally followed by the decay exp(-s * rate).
 *
 * Every size, the direction, the decay switch and s are uniforms: one compiled pipeline per element
 * width (vec4 when inner % 4 == 0, else f32) serves every N, every shape and every s.
 *
 * The DCT matrix is even/odd symmetric, D[n, N-1-x] = (-1)^n D[n, x], so both directions work on
 * folded pairs and need N^2/2 multiply-adds per line instead of N^2:
 *  - forward: row n = sum_{k < N/2} D[n,k] (p[k] +- p[N-1-k]) (+ the middle sample for even n, odd N);
 *    each invocation computes 4 consecutive rows (even, odd, even, odd) of one (outer, inner) line.
 *  - inverse: with E(x) = sum over even n of D[n,x] c[n] and O(x) the same over odd n,
 *    out[x] = E + O and out[N-1-x] = E - O; each invocation computes x = 2j, 2j+1 and their mirrors.
 */
export class HeatSeparableProgram extends HeatLineProgram {
  /**
   * outShape: the operator's [B,H,W,C] (every pass reads and writes tensors of that shape, so tfjs's shader
   * key, which looks at shapes, never changes); workItems = outer * blocks * inner / component.
   */
  constructor(outShape: number[], vec4: boolean, workItems: number) {
    super(outShape, vec4, workItems, 'cosines', HEAT_SEPARABLE_UNIFORMS.declaration, 'heatSeparable');
  }

  getUserCode(): string {
    const v = this.vec4 ? 'vec4<f32>' : 'f32';
    return `
  fn heatDecay(o : i32, row : i32, i : i32) -> ${v} {
    let r = rates[((o % uniforms.rateRows) * uniforms.lineLen + row) * uniforms.innerLen + i];
    return exp(-uniforms.decayScale * r);
  }

  fn main(index : i32) {
    let inner = uniforms.innerLen;
    let n = uniforms.lineLen;
    if (index >= uniforms.outerLen * uniforms.blockCount * inner) { return; }
    let i = index % inner;
    let rest = index / inner;
    let blockIdx = rest % uniforms.blockCount;
    let o = rest / uniforms.blockCount;
    let lineBase = o * n * inner + i;
    let t = uniforms.tableOffset;
    let pairs = n / 2;
    if (uniforms.inverseDir == 0) {
      let r0 = blockIdx * 4;
      // Table rows past the end are clamped (their results are not written).
      let t0 = t + min(r0, n - 1) * n;
      let t1 = t + min(r0 + 1, n - 1) * n;
      let t2 = t + min(r0 + 2, n - 1) * n;
      let t3 = t + min(r0 + 3, n - 1) * n;
      var a0 = ${v}(0.0);
      var a1 = ${v}(0.0);
      var a2 = ${v}(0.0);
      var a3 = ${v}(0.0);
      for (var k = 0; k < pairs; k++) {
        let p = lines[lineBase + k * inner];
        let q = lines[lineBase + (n - 1 - k) * inner];
        let e = p + q;
        let d = p - q;
        a0 = fma(${v}(cosines[t0 + k]), e, a0);
        a1 = fma(${v}(cosines[t1 + k]), d, a1);
        a2 = fma(${v}(cosines[t2 + k]), e, a2);
        a3 = fma(${v}(cosines[t3 + k]), d, a3);
      }
      if ((n & 1) == 1) {
        let m = lines[lineBase + pairs * inner];
        a0 = fma(${v}(cosines[t0 + pairs]), m, a0);
        a2 = fma(${v}(cosines[t2 + pairs]), m, a2);
      }
      let doDecay = uniforms.applyDecay != 0;
      if (doDecay) { a0 = a0 * heatDecay(o, r0, i); }
      result[lineBase + r0 * inner] = a0;
      if (r0 + 1 < n) {
        if (doDecay) { a1 = a1 * heatDecay(o, r0 + 1, i); }
        result[lineBase + (r0 + 1) * inner] = a1;
      }
      if (r0 + 2 < n) {
        if (doDecay) { a2 = a2 * heatDecay(o, r0 + 2, i); }
        result[lineBase + (r0 + 2) * inner] = a2;
      }
      if (r0 + 3 < n) {
        if (doDecay) { a3 = a3 * heatDecay(o, r0 + 3, i); }
        result[lineBase + (r0 + 3) * inner] = a3;
      }
    } else {
      let x0 = blockIdx * 2;
      let x1 = x0 + 1;
      let c0 = t + x0;
      let c1 = t + min(x1, n - 1);
      var e0 = ${v}(0.0);
      var o0 = ${v}(0.0);
      var e1 = ${v}(0.0);
      var o1 = ${v}(0.0);
      var j = 0;
      for (; j + 1 < n; j += 2) {
        let ce = lines[lineBase + j * inner];
        let co = lines[lineBase + (j + 1) * inner];
        e0 = fma(${v}(cosines[c0 + j * n]), ce, e0);
        o0 = fma(${v}(cosines[c0 + (j + 1) * n]), co, o0);
        e1 = fma(${v}(cosines[c1 + j * n]), ce, e1);
        o1 = fma(${v}(cosines[c1 + (j + 1) * n]), co, o1);
      }
      if (j < n) {
        let ce = lines[lineBase + j * inner];
        e0 = fma(${v}(cosines[c0 + j * n]), ce, e0);
        e1 = fma(${v}(cosines[c1 + j * n]), ce, e1);
      }
      // x0 <= mirror always holds for the blocks dispatched (x0 < ceil(N/2)).
      result[lineBase + x0 * inner] = e0 + o0;
      if (n - 1 - x0 > x0) { result[lineBase + (n - 1 - x0) * inner] = e0 - o0; }
      if (x1 <= n - 1 - x1) {
        result[lineBase + x1 * inner] = e1 + o1;
        if (n - 1 - x1 > x1) { result[lineBase + (n - 1 - x1) * inner] = e1 - o1; }
      }
    }
  }
`;
  }
}

export type { SeparablePass };

/** Runs one pass on x ([B,H,W,C], its data viewed as pass.lineShape). Returns a new [B,H,W,C] tensor. */
export function heatSeparablePass(
  backend: WebGPUBackend,
  x: TensorInfo,
  table: TensorInfo,
  rate: TensorInfo,
  pass: SeparablePass,
): TensorInfo {
  const [outer, n, inner] = pass.lineShape;
  const vec4 = inner % 4 === 0;
  const innerUnits = vec4 ? inner / 4 : inner;
  const blocks = pass.inverse ? Math.ceil(Math.ceil(n / 2) / 2) : Math.ceil(n / 4);
  const program = new HeatSeparableProgram(x.shape, vec4, outer * blocks * innerUnits);
  const uniforms = HEAT_SEPARABLE_UNIFORMS.values({ ...lineUniformValues(pass, innerUnits), blockCount: blocks, tableOffset: pass.tableOffset });
  return backend.runWebGPUProgram(program, [x, table, rate], 'float32', uniforms);
}
