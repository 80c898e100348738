// The channel LayerNorm as one TypeScript pass per pixel, for the 'wasm' and 'cpu' backends (the WGSL program is
// channelLayerNormProgram.ts). On tfjs ops the same norm is 8 kernels, each a full pass over the tensor; here it is
// one read for the statistics and one read-write for the output. The statistics are sums of x and x^2 in float64
// (JS numbers): var = E[x^2] - mean^2 loses about (mean^2 / var) * 1e-16 relatively, negligible for float32 data.
import type { NamedAttrMap } from '@tensorflow/tfjs';
import type { CpuKernel } from '../cpuKernel';

export interface ChannelLayerNormAttrs extends NamedAttrMap {
  eps: number;
}

/** out[p, c] = (x[p, c] - mean_p) / sqrt(var_p + eps) * weight[c] + bias[c], over pixels p of C channels. */
export function channelLayerNormRows(x: Float32Array, weight: Float32Array, bias: Float32Array, eps: number, out: Float32Array): void {
  const c = weight.length;
  for (let base = 0; base < x.length; base += c) {
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < c; i++) {
      const v = x[base + i];
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / c;
    const variance = Math.max(sumSq / c - mean * mean, 0);
    const rstd = 1 / Math.sqrt(variance + eps);
    for (let i = 0; i < c; i++) out[base + i] = (x[base + i] - mean) * rstd * weight[i] + bias[i];
  }
}

/** The TypeScript pass of the channel LayerNorm kernel (channelLayerNormKernel.ts), inputs x, weight, bias. */
export const channelLayerNormCpuPass: Pick<CpuKernel<ChannelLayerNormAttrs>, 'outputShape' | 'run'> = {
  outputShape: ([x]) => [...x.shape],
  run: ([x, weight, bias], _shapes, out, { eps }) => channelLayerNormRows(x, weight, bias, eps, out),
};
