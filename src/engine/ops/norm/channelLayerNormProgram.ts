import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { LinearProgram, uniformTable } from '../webgpuProgram';

const CHANNEL_LAYER_NORM_UNIFORMS = uniformTable({ pixels: 'i32', units: 'i32', invChannels: 'f32', eps: 'f32' });

/**
 * LayerNorm over the channel axis of x [B,H,W,C] in one dispatch: one invocation per pixel walks its C
 * contiguous values three times (sum, centred sum of squares, write), vec4 lanes when C % 4 == 0.
 *
 * Why not tfjs's composite (tf.moments + 6 elementwise kernels): its two Mean reductions use workgroup
 * memory and barriers, which SwiftShader runs very slowly (measured ~40 ms for one [1,8,8,64] LayerNorm,
 * against ~1 ms for an elementwise kernel), and it costs 11 dispatches where this costs one.
 *
 * With a residual r [B,H,W,C] it writes r + LayerNorm(x) in the same pass: a post-norm vHeat block's
 * x + gamma * LN(branch) on the hardware-GPU row (gamma folded into weight and bias by the caller, fusedBlock.ts),
 * one dispatch where LayerNorm, the layer scale and the add took three.
 *
 * Sizes and eps are uniforms: one pipeline per lane width (and residual or not) serves every shape and epsilon
 * (the shader key sees only ranks, and x and the output always have the same shape).
 */
export class ChannelLayerNormProgram extends LinearProgram {
  constructor(shape: number[], private readonly vec4: boolean, pixels: number, private readonly residual = false) {
    const lanes = vec4 ? 4 : 1;
    const names = residual ? ['x', 'w', 'b', 'res'] : ['x', 'w', 'b'];
    super({
      outputShape: shape,
      variableNames: names,
      variableComponents: names.map(() => lanes),
      outputComponent: lanes,
      uniforms: CHANNEL_LAYER_NORM_UNIFORMS.declaration,
      workItems: pixels,
      shaderKey: `channelLayerNorm_${vec4 ? 'v4' : 's'}${residual ? '_res' : ''}`,
    });
  }

  getUserCode(): string {
    const v = this.vec4 ? 'vec4<f32>' : 'f32';
    const total = this.vec4 ? (e: string) => `dot(${e}, vec4<f32>(1.0))` : (e: string) => e;
    return `
  fn main(index : i32) {
    if (index >= uniforms.pixels) { return; }
    let n = uniforms.units;
    let base = index * n;
    var s = ${v}(0.0);
    for (var c = 0; c < n; c++) { s = s + x[base + c]; }
    let mean = ${v}(${total('s')} * uniforms.invChannels);
    var q = ${v}(0.0);
    for (var c = 0; c < n; c++) {
      let d = x[base + c] - mean;
      q = fma(d, d, q);
    }
    let rstd = ${v}(inverseSqrt(${total('q')} * uniforms.invChannels + uniforms.eps));
    for (var c = 0; c < n; c++) {
      result[base + c] = ${this.residual ? 'res[base + c] + ' : ''}fma((x[base + c] - mean) * rstd, w[c], b[c]);
    }
  }
`;
  }
}

/**
 * Runs the program on x [B,H,W,C] with weight and bias [C], plus the residual res (x's shape) when given. Returns a
 * new [B,H,W,C] tensor.
 */
export function channelLayerNormProgramRun(backend: WebGPUBackend, x: TensorInfo, weight: TensorInfo, bias: TensorInfo, eps: number, res?: TensorInfo): TensorInfo {
  const c = x.shape[x.shape.length - 1];
  const pixels = x.shape.reduce((a, d) => a * d, 1) / c;
  const vec4 = c % 4 === 0;
  const program = new ChannelLayerNormProgram(x.shape, vec4, pixels, res !== undefined);
  const uniforms = CHANNEL_LAYER_NORM_UNIFORMS.values({ pixels, units: vec4 ? c / 4 : c, invChannels: 1 / c, eps });
  return backend.runWebGPUProgram(program, res ? [x, weight, bias, res] : [x, weight, bias], 'float32', uniforms);
}
