import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { InternalError } from '../../errors';
import { flatView, MAX_WORKGROUPS_PER_DIMENSION, uniformTable } from '../webgpuProgram';

const GROUP_NORM_STATS_UNIFORMS = uniformTable({ units: 'i32', invCount: 'f32', eps: 'f32' });
/** Invocations per sample (WebGPU's default limit); the sum is a tree in workgroup memory. */
const WIDTH = 256;

/**
 * The statistics of GroupNorm with one group (HcNet's norm2) in one dispatch: for each sample b of x [B, N]
 * (N = H * W * C, N % 4 == 0), (mean, 1 / sqrt(var + eps)) over its N values, biased variance, two passes as
 * tf.moments (mean, then the mean of squared deviations). One workgroup per sample: each invocation sums a strided
 * share of vec4s, then a tree over the 256 partial sums in workgroup memory (8 barriers per pass). The hardware-GPU
 * row (kernelChoice.ts fuseForFewerDispatches) applies the normalisation in the following linear map's prologue
 * (fusedLinearProgram.ts 'groupNorm'), so the normalised map is never written; the unfused GroupNorm
 * (tf.moments + elementwise) takes about 9 dispatches. Writes [B, 2]. Sizes and eps are uniforms.
 */
export class GroupNormStatsProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'groupNormStats';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames = ['x'];
  variableComponents = [4];
  outputComponent = 1;
  uniforms = GROUP_NORM_STATS_UNIFORMS.declaration;
  workgroupSize: [number, number, number] = [WIDTH, 1, 1];
  size = false;

  constructor(samples: number) {
    this.outputShape = [samples * 2];
    this.dispatchLayout = { x: [0] };
    this.dispatch = [samples, 1, 1];
  }

  getUserCode(): string {
    const tree = `
    for (var stride = ${WIDTH / 2}; stride > 0; stride = stride / 2) {
      if (lid < stride) { partial[lid] = partial[lid] + partial[lid + stride]; }
      workgroupBarrier();
    }`;
    return `
  var<workgroup> partial : array<f32, ${WIDTH}>;

  fn main(flatIndex : i32) {
    let lid = i32(localIndex);
    let sample = i32(workgroupId.x);
    let n = uniforms.units;
    let base = sample * n;
    var s = vec4<f32>(0.0);
    for (var i = lid; i < n; i += ${WIDTH}) { s = s + x[base + i]; }
    partial[lid] = dot(s, vec4<f32>(1.0));
    workgroupBarrier();${tree}
    let mean = partial[0] * uniforms.invCount;
    workgroupBarrier();
    var q = vec4<f32>(0.0);
    for (var i = lid; i < n; i += ${WIDTH}) {
      let d = x[base + i] - vec4<f32>(mean);
      q = fma(d, d, q);
    }
    partial[lid] = dot(q, vec4<f32>(1.0));
    workgroupBarrier();${tree}
    if (lid == 0) {
      result[sample * 2] = mean;
      result[sample * 2 + 1] = inverseSqrt(partial[0] * uniforms.invCount + uniforms.eps);
    }
  }
`;
  }
}

/** Runs the program on x [B, ...] (values per sample a multiple of 4). Returns [B, 2]: mean and 1 / sqrt(var + eps). */
export function groupNormStatsRun(backend: WebGPUBackend, x: TensorInfo, eps: number): TensorInfo {
  const samples = x.shape[0];
  const count = x.shape.reduce((a, d) => a * d, 1) / samples;
  if (count % 4 !== 0 || samples > MAX_WORKGROUPS_PER_DIMENSION) {
    throw new InternalError(`groupNormStats: [${x.shape}] needs a multiple of 4 values per sample and at most ${MAX_WORKGROUPS_PER_DIMENSION} samples`);
  }
  const program = new GroupNormStatsProgram(samples);
  const uniforms = GROUP_NORM_STATS_UNIFORMS.values({ units: count / 4, invCount: 1 / count, eps });
  const out = backend.runWebGPUProgram(program, [flatView(x)], 'float32', uniforms);
  return { dataId: out.dataId, shape: [samples, 2], dtype: 'float32' };
}
