// Turns stacks of C-channel feature maps (frames x H x W x C, channel-last) into displayable maps in
// [0, 1]: energy over channels, one channel, or the top three principal components as RGB. All frames of
// a stack share one normalisation so that changes over time (decay, smoothing) stay visible.
import { principalBasis, projectOnBasis } from '../../engine/analysis/principalComponents';
import type { ChannelMode, MapStack } from './protocol';

function normaliseInPlace(data: Float32Array, lo: number, hi: number): void {
  const span = hi - lo;
  for (let i = 0; i < data.length; i++) data[i] = span > 0 ? (data[i] - lo) / span : 0.5;
}

function range(data: ArrayLike<number>, stride = 1, offset = 0): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = offset; i < data.length; i += stride) {
    const v = data[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * frames: each frame H*W*C channel-last. energy = root mean square over channels; channel = that channel;
 * pca = projection on the top 3 principal directions of the FIRST frame's channels (a fixed basis over time).
 */
export function reduceChannels(frames: Float32Array[], h: number, w: number, c: number, mode: ChannelMode): MapStack {
  const n = h * w;
  if (mode.kind === 'pca') {
    const k = Math.min(3, c);
    const basis = principalBasis(frames[0], n, c, k);
    const data = new Float32Array(frames.length * n * 3);
    frames.forEach((f, i) => {
      const proj = projectOnBasis(f, n, basis); // n x k
      for (let p = 0; p < n; p++) for (let j = 0; j < k; j++) data[(i * n + p) * 3 + j] = proj[p * k + j];
    });
    for (let j = 0; j < 3; j++) {
      const [lo, hi] = range(data, 3, j);
      const span = hi - lo;
      for (let i = j; i < data.length; i += 3) data[i] = span > 0 ? (data[i] - lo) / span : 0.5;
    }
    return { frames: frames.length, height: h, width: w, channels: 3, data };
  }
  const data = new Float32Array(frames.length * n);
  frames.forEach((f, i) => {
    for (let p = 0; p < n; p++) {
      if (mode.kind === 'channel') {
        data[i * n + p] = f[p * c + Math.min(Math.max(mode.channel, 0), c - 1)];
      } else {
        let s = 0;
        for (let j = 0; j < c; j++) s += f[p * c + j] * f[p * c + j];
        data[i * n + p] = Math.sqrt(s / c);
      }
    }
  });
  const [lo, hi] = range(data);
  normaliseInPlace(data, lo, hi);
  return { frames: frames.length, height: h, width: w, channels: 1, data };
}

/** log10(1 + g) / max, the ERF display of the vHeat paper (after RepLKNet). */
export function logNormalise(g: Float32Array): Float32Array {
  const out = new Float32Array(g.length);
  let max = 0;
  for (let i = 0; i < g.length; i++) {
    out[i] = Math.log10(1 + g[i]);
    if (out[i] > max) max = out[i];
  }
  if (max > 0) for (let i = 0; i < out.length; i++) out[i] /= max;
  return out;
}
