import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { flatView, LinearProgram, uniformTable } from '../webgpuProgram';

/**
 * What the linear map reads as its input row A[p, k] (every variant reads x [M, K] flat):
 *  - 'none': x[p, k];
 *  - 'layerNorm': LayerNorm over k of x's row p with weight/bias [K] (the statistics computed in the kernel);
 *  - 'gatedLayerNorm': LayerNorm(x)[p, k] * silu(gate[p * gateStride + gateOffset + k]) (vHeat's out_norm times
 *    SiLU(z), z read in place from the [M, 2C] output of the block's first linear map);
 *  - 'depthwise3x3': dwBias[k] + sum over the 3x3 window of dwFilter[dy, dx, k] * x[neighbour, k] (stride 1, zero
 *    padding 1, rows are the pixels of [B, H, W] images; a bias-less conv passes zeros);
 *  - 'groupNorm': GroupNorm with one group, (x[p, k] - mean_b) * rstd_b * lnWeight[k] + lnBias[k] with the statistics
 *    of row p's image b = p / (H W) given in stats [B, 2] (groupNormStatsProgram.ts; HcNet's norm2).
 */
export type LinearPrologue = 'none' | 'layerNorm' | 'gatedLayerNorm' | 'depthwise3x3' | 'groupNorm';
/**
 * What it writes, with u = A @ W + b: 'bias': u; 'gelu': exact GELU(u); 'residual': r[p, n] + u (a layer scale g is
 * folded into W and b by the caller: 9 storage bindings would pass WebGPU's default limit of 8); 'rowScaledRelu': s[p] * max(u, 0) (vHeat's heat rate
 * (w_n^2 + w_m^2) * ReLU(to_k(freq_embed)), rows = frequencies).
 */
export type LinearEpilogue = 'bias' | 'gelu' | 'residual' | 'rowScaledRelu';

const FUSED_LINEAR_UNIFORMS = uniformTable({
  rows: 'i32', rowBlocks: 'i32', inner: 'i32', colUnits: 'i32', eps: 'f32', gateStride: 'i32', gateOffset: 'i32', mapH: 'i32', mapW: 'i32',
});

const PROLOGUE_INPUTS: Record<LinearPrologue, string[]> = {
  none: [],
  layerNorm: ['lnWeight', 'lnBias'],
  gatedLayerNorm: ['lnWeight', 'lnBias', 'gate'],
  depthwise3x3: ['dwFilter', 'dwBias'],
  groupNorm: ['lnWeight', 'lnBias', 'stats'],
};
const EPILOGUE_INPUTS: Record<LinearEpilogue, string[]> = {
  bias: [], gelu: [], residual: ['res'], rowScaledRelu: ['rowScale'],
};
const TILE_ROWS = 4;

/** The WGSL of A[row r, k] for a prologue (rows named row0..row3, statistics mean_r / rstd_r where used). */
function aValue(prologue: LinearPrologue, r: number): string {
  const ln = `fma((x[row${r} * kk + k] - mean${r}) * rstd${r}, lnWeight[k], lnBias[k])`;
  if (prologue === 'layerNorm' || prologue === 'groupNorm') return ln;
  if (prologue === 'gatedLayerNorm') return `${ln} * siluOf(gate[row${r} * uniforms.gateStride + uniforms.gateOffset + k])`;
  if (prologue === 'depthwise3x3') return `depthwiseAt(row${r}, k)`;
  return `x[row${r} * kk + k]`;
}

/** The epilogue's WGSL for output vec4 u at (row, column unit j). */
function epilogueValue(epilogue: LinearEpilogue, row: string): string {
  if (epilogue === 'gelu') return 'geluOf(u)';
  if (epilogue === 'residual') return `res[${row} * n + j] + u`;
  if (epilogue === 'rowScaledRelu') return `rowScale[${row}] * max(u, vec4<f32>(0.0))`;
  return 'u';
}

const HELPERS = `
  fn siluOf(z : f32) -> f32 { return z / (1.0 + exp(-z)); }

  fn erfApprox(z : vec4<f32>) -> vec4<f32> {
    let a = abs(z);
    let t = 1.0 / (1.0 + 0.3275911 * a);
    let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return sign(z) * (1.0 - poly * exp(-a * a));
  }

  fn geluOf(u : vec4<f32>) -> vec4<f32> { return 0.5 * u * (1.0 + erfApprox(u * 0.7071067811865476)); }

  // LayerNorm statistics of x's row over its K values: (mean, 1 / sqrt(var + eps)), two passes as the LayerNorm program.
  fn rowStats(row : i32) -> vec2<f32> {
    let kk = uniforms.inner;
    var s = 0.0;
    for (var k = 0; k < kk; k++) { s = s + x[row * kk + k]; }
    let mean = s / f32(kk);
    var q = 0.0;
    for (var k = 0; k < kk; k++) {
      let d = x[row * kk + k] - mean;
      q = fma(d, d, q);
    }
    return vec2<f32>(mean, inverseSqrt(q / f32(kk) + uniforms.eps));
  }
`;

const DEPTHWISE_HELPER = `
  // The 3x3 depthwise conv of channel k at pixel row p of x [B, H, W, K] (stride 1, zero padding 1).
  fn depthwiseAt(p : i32, k : i32) -> f32 {
    let kk = uniforms.inner;
    let w = uniforms.mapW;
    let hw = uniforms.mapH * w;
    let py = (p % hw) / w;
    let px = p % w;
    var acc = dwBias[k];
    for (var dy = -1; dy <= 1; dy++) {
      let y = py + dy;
      if (y < 0 || y >= uniforms.mapH) { continue; }
      for (var dx = -1; dx <= 1; dx++) {
        let xx = px + dx;
        if (xx < 0 || xx >= w) { continue; }
        acc = fma(dwFilter[((dy + 1) * 3 + dx + 1) * kk + k], x[(p + dy * w + dx) * kk + k], acc);
      }
    }
    return acc;
  }
`;

/**
 * One linear map with what comes before and after it in a vHeat block, in one dispatch (the hardware-GPU row's
 * fusion, kernelChoice.ts fuseForFewerDispatches): Y[M, N] = epilogue(prologue(x)[M, K] @ W[K, N] + b[N]).
 * Each invocation computes a 4-row x vec4-column register tile (N % 4 == 0), as the dense program does; a
 * LayerNorm prologue computes its rows' statistics first (each of the N / 4 invocations of a row block recomputes
 * them: 2K extra reads per row that stay in cache, against a dispatch and a round trip of [M, K] through memory).
 * Sizes and eps are uniforms; the pipeline depends only on the prologue and epilogue.
 */
export class FusedLinearProgram extends LinearProgram {
  constructor(outputLength: number, private readonly prologue: LinearPrologue, private readonly epilogue: LinearEpilogue, workItems: number) {
    const names = ['x', 'weight', 'bias', ...PROLOGUE_INPUTS[prologue], ...EPILOGUE_INPUTS[epilogue]];
    const lanes = (name: string) => (['weight', 'bias', 'res'].includes(name) ? 4 : 1);
    super({
      outputShape: [1, outputLength],
      variableNames: names,
      variableComponents: names.map(lanes),
      outputComponent: 4,
      uniforms: FUSED_LINEAR_UNIFORMS.declaration,
      workItems,
      shaderKey: `fusedLinear_${prologue}_${epilogue}`,
    });
  }

  getUserCode(): string {
    const rows = Array.from({ length: TILE_ROWS }, (_, r) => r);
    const normed = this.prologue === 'layerNorm' || this.prologue === 'gatedLayerNorm';
    const statsOf = (r: number) => (this.prologue === 'groupNorm'
      ? `let img${r} = row${r} / (uniforms.mapH * uniforms.mapW);\n    let mean${r} = stats[2 * img${r}];\n    let rstd${r} = stats[2 * img${r} + 1];`
      : `let st${r} = rowStats(row${r});\n    let mean${r} = st${r}.x;\n    let rstd${r} = st${r}.y;`);
    const stats = normed || this.prologue === 'groupNorm' ? rows.map((r) => `    ${statsOf(r)}`).join('\n') : '';
    return `${HELPERS}${this.prologue === 'depthwise3x3' ? DEPTHWISE_HELPER : ''}
  fn main(index : i32) {
    let n = uniforms.colUnits;
    if (index >= uniforms.rowBlocks * n) { return; }
    let j = index % n;
    let r0 = (index / n) * ${TILE_ROWS};
    let last = uniforms.rows - 1;
${rows.map((r) => `    let row${r} = min(r0 + ${r}, last);`).join('\n')}
    let kk = uniforms.inner;
${stats}
${rows.map((r) => `    var acc${r} = vec4<f32>(0.0);`).join('\n')}
    for (var k = 0; k < kk; k++) {
      let wk = weight[k * n + j];
${rows.map((r) => `      acc${r} = fma(vec4<f32>(${aValue(this.prologue, r)}), wk, acc${r});`).join('\n')}
    }
    let b = bias[j];
${rows.map((r) => `    if (r0 + ${r} <= last) {
      let u = acc${r} + b;
      result[(r0 + ${r}) * n + j] = ${epilogueValue(this.epilogue, `(r0 + ${r})`)};
    }`).join('\n')}
  }
`;
  }
}

/** The extra inputs of a prologue / epilogue, and the map size the depthwise prologue needs. */
export interface FusedLinearExtras {
  lnWeight?: TensorInfo;
  lnBias?: TensorInfo;
  eps?: number;
  /** gatedLayerNorm: the tensor holding the gate, its row stride and the gate's offset in a row. */
  gate?: TensorInfo;
  gateStride?: number;
  gateOffset?: number;
  /** groupNorm: the (mean, 1 / sqrt(var + eps)) of each image [B, 2]; x is [B, mapH, mapW, K]. */
  stats?: TensorInfo;
  /** depthwise3x3: filter [3,3,K,1] and bias [K]; x is [B, mapH, mapW, K]. */
  dwFilter?: TensorInfo;
  dwBias?: TensorInfo;
  mapH?: number;
  mapW?: number;
  /** residual: r [M, N]. */
  res?: TensorInfo;
  /** rowScaledRelu: s [M]. */
  rowScale?: TensorInfo;
}

/** Runs the program: x [M, K] (any shape of that size), weight [K, N] with N % 4 == 0, bias [N]. Returns [M, N]. */
export function fusedLinearRun(
  backend: WebGPUBackend, x: TensorInfo, weight: TensorInfo, bias: TensorInfo,
  prologue: LinearPrologue, epilogue: LinearEpilogue, extras: FusedLinearExtras,
): TensorInfo {
  const [k, n] = weight.shape;
  const m = x.shape.reduce((a, d) => a * d, 1) / k;
  const colUnits = n / 4;
  const rowBlocks = Math.ceil(m / TILE_ROWS);
  const program = new FusedLinearProgram(m * n, prologue, epilogue, rowBlocks * colUnits);
  const named = { ...(extras as Record<string, unknown>), x, weight, bias } as Record<string, TensorInfo | undefined>;
  const inputs = program.variableNames.map((name) => flatView(named[name]!));
  const uniforms = FUSED_LINEAR_UNIFORMS.values({
    rows: m, rowBlocks, inner: k, colUnits, eps: extras.eps ?? 0,
    gateStride: extras.gateStride ?? 0, gateOffset: extras.gateOffset ?? 0, mapH: extras.mapH ?? 1, mapW: extras.mapW ?? 1,
  });
  const out = backend.runWebGPUProgram(program, inputs, 'float32', uniforms);
  return { dataId: out.dataId, shape: [m, n], dtype: 'float32' };
}
