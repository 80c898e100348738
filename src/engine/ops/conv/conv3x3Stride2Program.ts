import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { flatView, LinearProgram, uniformTable } from '../webgpuProgram';

const CONV_UNIFORMS = uniformTable({
  pixels: 'i32', pixelBlocks: 'i32', inH: 'i32', inW: 'i32', outH: 'i32', outW: 'i32', cinUnits: 'i32', coutUnits: 'i32',
});

/**
 * 3x3 convolution, stride 2, zero padding 1 on every side (PyTorch Conv2d(k=3, s=2, p=1): H -> ceil(H/2)), with
 * bias, NHWC input and HWIO filter [3,3,Cin,Cout], in one dispatch: the vHeat / HcNet stems and downsamplers.
 *
 * Each invocation computes 4 consecutive output pixels (row-major over B, Ho, Wo) for one vec4 of output channels
 * (or one channel when Cout % 4 != 0), so every filter load serves 4 pixels; input reads are vec4 along Cin when
 * Cin % 4 == 0. The padding is a bounds test (no padded copy of x). No workgroup memory, no barriers: tfjs's
 * Conv2D programs (shared-memory matMul tiles) are measured far slower on SwiftShader (BENCHMARKS.md).
 *
 * Sizes are uniforms; tensors are passed flat, so the pipeline depends only on the two lane widths. The filter
 * binding is named 'taps' ('filter' is a reserved word in WGSL).
 */
export class Conv3x3Stride2Program extends LinearProgram {
  constructor(
    outputLength: number,
    private readonly xVec4: boolean,
    private readonly coutVec4: boolean,
    workItems: number,
  ) {
    const outputComponent = coutVec4 ? 4 : 1;
    // The spec has DenseProgram's shape (x, a matrix, a bias; a flat output): a program names its own bindings.
    super({
      outputShape: [1, outputLength],
      variableNames: ['x', 'taps', 'bias'],
      variableComponents: [xVec4 ? 4 : 1, outputComponent, outputComponent],
      outputComponent,
      uniforms: CONV_UNIFORMS.declaration,
      workItems,
      shaderKey: `conv3x3s2_${xVec4 ? 'x4' : 'x1'}_${coutVec4 ? 'n4' : 'n1'}`,
    });
  }

  getUserCode(): string {
    const v = this.coutVec4 ? 'vec4<f32>' : 'f32';
    const px = [0, 1, 2, 3];
    // One step over Cin: scalar x (one filter row) or vec4 x (four filter rows).
    const step = this.xVec4
      ? `
          let wRow = (tap * uniforms.cinUnits + ci) * 4;
          let w0 = taps[wRow * n + j];
          let w1 = taps[(wRow + 1) * n + j];
          let w2 = taps[(wRow + 2) * n + j];
          let w3 = taps[(wRow + 3) * n + j];
${px.map((r) => `          let a${r} = select(vec4<f32>(0.0), x[base${r} + ci], ok${r});
          acc${r} = fma(${v}(a${r}.x), w0, acc${r});
          acc${r} = fma(${v}(a${r}.y), w1, acc${r});
          acc${r} = fma(${v}(a${r}.z), w2, acc${r});
          acc${r} = fma(${v}(a${r}.w), w3, acc${r});`).join('\n')}`
      : `
          let w0 = taps[(tap * uniforms.cinUnits + ci) * n + j];
${px.map((r) => `          acc${r} = fma(${v}(select(0.0, x[base${r} + ci], ok${r})), w0, acc${r});`).join('\n')}`;
    return `
  fn main(index : i32) {
    let n = uniforms.coutUnits;
    if (index >= uniforms.pixelBlocks * n) { return; }
    let j = index % n;
    let first = (index / n) * 4;
    let lastP = uniforms.pixels - 1;
${px.map((r) => `    let p${r} = min(first + ${r}, lastP);
    let ox${r} = p${r} % uniforms.outW;
    let oy${r} = (p${r} / uniforms.outW) % uniforms.outH;
    let img${r} = p${r} / (uniforms.outW * uniforms.outH);
    var acc${r} = ${v}(0.0);`).join('\n')}
    for (var ky = 0; ky < 3; ky++) {
      for (var kx = 0; kx < 3; kx++) {
        let tap = ky * 3 + kx;
${px.map((r) => `        let iy${r} = oy${r} * 2 - 1 + ky;
        let ix${r} = ox${r} * 2 - 1 + kx;
        let ok${r} = iy${r} >= 0 && iy${r} < uniforms.inH && ix${r} >= 0 && ix${r} < uniforms.inW;
        let base${r} = select(0, ((img${r} * uniforms.inH + iy${r}) * uniforms.inW + ix${r}) * uniforms.cinUnits, ok${r});`).join('\n')}
        for (var ci = 0; ci < uniforms.cinUnits; ci++) {${step}
        }
      }
    }
    let b = bias[j];
${px.map((r) => `    if (first + ${r} <= lastP) { result[(first + ${r}) * n + j] = acc${r} + b; }`).join('\n')}
  }
`;
  }
}

/** Runs the program: x [B,H,W,Cin], filter [3,3,Cin,Cout], bias [Cout]. Returns [B,ceil(H/2),ceil(W/2),Cout]. */
export function conv3x3Stride2ProgramRun(backend: WebGPUBackend, x: TensorInfo, filter: TensorInfo, bias: TensorInfo): TensorInfo {
  const [b, h, w, cin] = x.shape;
  const cout = filter.shape[3];
  const [oh, ow] = [Math.ceil(h / 2), Math.ceil(w / 2)];
  const xVec4 = cin % 4 === 0;
  const coutVec4 = cout % 4 === 0;
  const coutUnits = coutVec4 ? cout / 4 : cout;
  const pixels = b * oh * ow;
  const pixelBlocks = Math.ceil(pixels / 4);
  const program = new Conv3x3Stride2Program(pixels * cout, xVec4, coutVec4, pixelBlocks * coutUnits);
  const uniforms = CONV_UNIFORMS.values({ pixels, pixelBlocks, inH: h, inW: w, outH: oh, outW: ow, cinUnits: xVec4 ? cin / 4 : cin, coutUnits });
  const out = backend.runWebGPUProgram(program, [flatView(x), flatView(filter), flatView(bias)], 'float32', uniforms);
  return { dataId: out.dataId, shape: [b, oh, ow, cout], dtype: 'float32' };
}
