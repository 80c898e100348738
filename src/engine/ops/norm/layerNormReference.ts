import { InternalError } from '../../errors';
/**
 * Float64 reference of LayerNorm over the channel axis of NHWC data (PyTorch LayerNorm over C / LayerNorm2d):
 * per pixel, mean and biased variance over C, then (x - mean) / sqrt(var + eps) * weight + bias. Plain loops.
 */
export function channelLayerNormReference(
  x: ArrayLike<number>,
  channels: number,
  weight: ArrayLike<number>,
  bias: ArrayLike<number>,
  eps: number,
): Float64Array {
  if (!(Number.isInteger(channels) && channels >= 1)) throw new InternalError(`channels must be a positive integer, got ${channels}`);
  if (x.length % channels !== 0) throw new InternalError(`x has ${x.length} values, not a multiple of ${channels} channels`);
  if (weight.length !== channels || bias.length !== channels) throw new InternalError(`weight/bias need ${channels} values`);
  const out = new Float64Array(x.length);
  for (let base = 0; base < x.length; base += channels) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += x[base + c];
    const mean = sum / channels;
    let sq = 0;
    for (let c = 0; c < channels; c++) sq += (x[base + c] - mean) ** 2;
    const rstd = 1 / Math.sqrt(sq / channels + eps);
    for (let c = 0; c < channels; c++) out[base + c] = (x[base + c] - mean) * rstd * weight[c] + bias[c];
  }
  return out;
}
