import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { flatView, LinearProgram, uniformTable } from '../webgpuProgram';

/** What the program applies to x @ W + b before writing it. */
export type DenseActivation = 'linear' | 'gelu';

const DENSE_UNIFORMS = uniformTable({ rows: 'i32', rowBlocks: 'i32', innerUnits: 'i32', colUnits: 'i32' });

/**
 * Y[M,N] = act(X[M,K] @ W[K,N] + b[N]) in one dispatch, for the per-pixel linear maps of the models
 * (nn.Linear on channels-last and 1x1 convs: M = pixels, K and N = channels).
 *
 * Each invocation computes a 4-row x 4-column register tile (one row block, one vec4 of columns when
 * N % 4 == 0, else 4 rows x 1 column; 1 row when M < 4, e.g. the classifier or a 1x1 map, where a 4-row tile
 * would compute the same row four times), reading X as vec4 along K when K % 4 == 0. No workgroup memory and no
 * barriers: tfjs's tiled matMul programs (shared-memory tiles + barriers) are measured ~20x slower than
 * their arithmetic on SwiftShader, which runs a workgroup's invocations as coroutines switched at each
 * barrier (BENCHMARKS.md). On a real GPU a shared-memory tile would reuse loads better; unmeasured here.
 *
 * 'gelu' is PyTorch's exact GELU, 0.5 u (1 + erf(u / sqrt 2)), with erf by Abramowitz & Stegun 7.1.26
 * (|error| <= 1.5e-7, the same class of approximation tfjs's Erf kernel uses).
 *
 * Sizes are uniforms; the pipeline depends only on the lane widths and the activation. Tensors are passed
 * flat (rank 1 in, rank 2 out) so tfjs's shader key never sees M, K or N.
 */
export class DenseProgram extends LinearProgram {
  constructor(
    outputLength: number,
    private readonly xVec4: boolean,
    private readonly colVec4: boolean,
    private readonly activation: DenseActivation,
    private readonly tileRows: 1 | 4,
    workItems: number,
  ) {
    const outputComponent = colVec4 ? 4 : 1;
    super({
      outputShape: [1, outputLength],
      variableNames: ['x', 'weight', 'bias'],
      variableComponents: [xVec4 ? 4 : 1, outputComponent, outputComponent],
      outputComponent,
      uniforms: DENSE_UNIFORMS.declaration,
      workItems,
      shaderKey: `dense_${xVec4 ? 'x4' : 'x1'}_${colVec4 ? 'n4' : 'n1'}_r${tileRows}_${activation}`,
    });
  }

  getUserCode(): string {
    const v = this.colVec4 ? 'vec4<f32>' : 'f32';
    const rows = Array.from({ length: this.tileRows }, (_, r) => r);
    // One k step: a_r are X[row r, k .. k+3] (vec4) or X[row r, k] (scalar).
    const step = this.xVec4
      ? `
      let kb = k * 4;
      let w0 = weight[kb * n + j];
      let w1 = weight[(kb + 1) * n + j];
      let w2 = weight[(kb + 2) * n + j];
      let w3 = weight[(kb + 3) * n + j];
${rows.map((r) => `      let a${r} = x[row${r} * kUnits + k];
      acc${r} = fma(${v}(a${r}.x), w0, acc${r});
      acc${r} = fma(${v}(a${r}.y), w1, acc${r});
      acc${r} = fma(${v}(a${r}.z), w2, acc${r});
      acc${r} = fma(${v}(a${r}.w), w3, acc${r});`).join('\n')}`
      : `
      let w0 = weight[k * n + j];
${rows.map((r) => `      acc${r} = fma(${v}(x[row${r} * kUnits + k]), w0, acc${r});`).join('\n')}`;
    const act = this.activation === 'gelu' ? 'gelu(u)' : 'u';
    return `
  fn erfApprox(z : ${v}) -> ${v} {
    let a = abs(z);
    let t = 1.0 / (1.0 + 0.3275911 * a);
    let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return sign(z) * (1.0 - poly * exp(-a * a));
  }

  fn gelu(u : ${v}) -> ${v} {
    return 0.5 * u * (1.0 + erfApprox(u * 0.7071067811865476));
  }

  fn activate(u : ${v}) -> ${v} {
    return ${act};
  }

  fn main(index : i32) {
    let n = uniforms.colUnits;
    if (index >= uniforms.rowBlocks * n) { return; }
    let j = index % n;
    let r0 = (index / n) * ${this.tileRows};
    let last = uniforms.rows - 1;
${rows.map((r) => `    let row${r} = min(r0 + ${r}, last);`).join('\n')}
    let kUnits = uniforms.innerUnits;
${rows.map((r) => `    var acc${r} = ${v}(0.0);`).join('\n')}
    for (var k = 0; k < kUnits; k++) {${step}
    }
    let b = bias[j];
${rows.map((r) => `    if (r0 + ${r} <= last) { result[(r0 + ${r}) * n + j] = activate(acc${r} + b); }`).join('\n')}
  }
`;
  }
}

/** Runs the program: x [M,K], weight [K,N], bias [N] (any shapes with those sizes). Returns [M,N]. */
export function denseProgramRun(backend: WebGPUBackend, x: TensorInfo, weight: TensorInfo, bias: TensorInfo, activation: DenseActivation): TensorInfo {
  const [k, n] = weight.shape;
  const size = (t: TensorInfo) => t.shape.reduce((a, d) => a * d, 1);
  const m = size(x) / k;
  const xVec4 = k % 4 === 0;
  const colVec4 = n % 4 === 0;
  const colUnits = colVec4 ? n / 4 : n;
  const tileRows = m < 4 ? 1 : 4;
  const rowBlocks = Math.ceil(m / tileRows);
  const program = new DenseProgram(m * n, xVec4, colVec4, activation, tileRows, rowBlocks * colUnits);
  const uniforms = DENSE_UNIFORMS.values({ rows: m, rowBlocks, innerUnits: xVec4 ? k / 4 : k, colUnits });
  const out = backend.runWebGPUProgram(program, [flatView(x), flatView(weight), flatView(bias)], 'float32', uniforms);
  return { dataId: out.dataId, shape: [m, n], dtype: 'float32' };
}
