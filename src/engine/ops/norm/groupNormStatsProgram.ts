import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { InternalError } from '../../errors';
import { flatView, MAX_WORKGROUPS_PER_DIMENSION, uniformTable } from '../webgpuProgram';

const GROUP_NORM_STATS_UNIFORMS = uniformTable({ units: 'i32', invCount: 'f32', eps: 'f32', channelUnits: 'i32' });
/** Invocations per sample (WebGPU's default limit); the sum is a tree in workgroup memory. */
const WIDTH = 256;

/**
 * The statistics of GroupNorm with one group (HcNet's norm2) in one dispatch: for each sample b of x [B, N]
 * (N = H * W * C, N % 4 == 0), (mean, 1 / sqrt(var + eps)) over its N values, biased variance, two passes as
 * tf.moments (mean, then the mean of squared deviations). One workgroup per sample: each invocation sums a strided
 * share of vec4s, then a tree over the 256 partial sums in workgroup memory (8 barriers per pass). The hardware-GPU
 * row (kernelChoice.ts fuseForFewerDispatches) applies the normalisation in the following linear map's prologue
 * (fusedLinearProgram.ts 'groupNorm'), so the normalised map is never written; the unfused GroupNorm
 * (tf.moments + elementwise) takes about 10 dispatches. Writes [B, 2]. Sizes and eps are uniforms.
 * One workgroup per sample keeps one GPU core busy per image: right for batch-1 maps of a few hundred thousand values
 * (a stem map of 112 x 112 x 48 at 224 is 602k, ~2400 reads per invocation per pass); a full-resolution map of
 * millions would want a two-level reduction (partial sums per tile, then one small pass), not built or measured.
 *
 * The 'normalise' variant (weight and bias [C] given) writes the GroupNorm itself instead, x's shape, in a third pass
 * of the same workgroup: (x - mean) * rstd * weight[c] + bias[c]. It is the whole GroupNorm in one dispatch where no
 * linear map follows to take it as a prologue (HcNet's stem, downsamplers and head on the hardware-GPU row).
 */
export class GroupNormStatsProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames: string[];
  variableComponents: number[];
  outputComponent: number;
  uniforms = GROUP_NORM_STATS_UNIFORMS.declaration;
  workgroupSize: [number, number, number] = [WIDTH, 1, 1];
  size = false;

  constructor(samples: number, private readonly normalise: boolean, valuesPerSample: number) {
    this.outputShape = normalise ? [samples * valuesPerSample] : [samples * 2];
    this.dispatchLayout = { x: [0] };
    this.dispatch = [samples, 1, 1];
    this.variableNames = normalise ? ['x', 'w', 'b'] : ['x'];
    this.variableComponents = this.variableNames.map(() => 4);
    this.outputComponent = normalise ? 4 : 1;
    this.shaderKey = `groupNormStats${normalise ? '_normalise' : ''}`;
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
    let rstd = inverseSqrt(partial[0] * uniforms.invCount + uniforms.eps);
    ${this.normalise ? `for (var i = lid; i < n; i += ${WIDTH}) {
      let cu = i % uniforms.channelUnits;
      result[base + i] = fma((x[base + i] - vec4<f32>(mean)) * rstd, w[cu], b[cu]);
    }` : `if (lid == 0) {
      result[sample * 2] = mean;
      result[sample * 2 + 1] = rstd;
    }`}
  }
`;
  }
}

/**
 * Runs the program on x [B, ..., C] (C % 4 == 0). Returns [B, 2], mean and 1 / sqrt(var + eps), or with weight and
 * bias [C] the GroupNorm of x (x's shape).
 */
export function groupNormStatsRun(backend: WebGPUBackend, x: TensorInfo, eps: number, weight?: TensorInfo, bias?: TensorInfo): TensorInfo {
  const samples = x.shape[0];
  const channels = x.shape[x.shape.length - 1];
  const count = x.shape.reduce((a, d) => a * d, 1) / samples;
  if (channels % 4 !== 0 || samples > MAX_WORKGROUPS_PER_DIMENSION) {
    throw new InternalError(`groupNormStats: [${x.shape}] needs C % 4 == 0 and at most ${MAX_WORKGROUPS_PER_DIMENSION} samples`);
  }
  const normalise = weight !== undefined && bias !== undefined;
  const program = new GroupNormStatsProgram(samples, normalise, count);
  const uniforms = GROUP_NORM_STATS_UNIFORMS.values({ units: count / 4, invCount: 1 / count, eps, channelUnits: channels / 4 });
  const inputs = normalise ? [flatView(x), weight, bias] : [flatView(x)];
  const out = backend.runWebGPUProgram(program, inputs, 'float32', uniforms);
  return { dataId: out.dataId, shape: normalise ? x.shape : [samples, 2], dtype: 'float32' };
}
