import { InternalError } from '../../errors';

/**
 * Float64 reference of GroupNorm with one group (HcNet's GroupNorm(1, C)): per sample of x (samples of equal size,
 * flat), mean and biased variance over all its values. stats: [mean, 1 / sqrt(var + eps)] per sample;
 * groupNormOneGroupReference: (x - mean) * rstd * weight[c] + bias[c] over NHWC data of C channels. Plain loops.
 */
export function groupNormStatsReference(x: ArrayLike<number>, samples: number, eps: number): Float64Array {
  if (!(Number.isInteger(samples) && samples >= 1 && x.length % samples === 0)) throw new InternalError(`${x.length} values are not ${samples} equal samples`);
  const count = x.length / samples;
  const out = new Float64Array(2 * samples);
  for (let s = 0; s < samples; s++) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += x[s * count + i];
    const mean = sum / count;
    let sq = 0;
    for (let i = 0; i < count; i++) sq += (x[s * count + i] - mean) ** 2;
    out[2 * s] = mean;
    out[2 * s + 1] = 1 / Math.sqrt(sq / count + eps);
  }
  return out;
}

export function groupNormOneGroupReference(
  x: ArrayLike<number>, samples: number, channels: number, weight: ArrayLike<number>, bias: ArrayLike<number>, eps: number,
): Float64Array {
  if (weight.length !== channels || bias.length !== channels || x.length % channels !== 0) throw new InternalError(`weight/bias need ${channels} values`);
  const stats = groupNormStatsReference(x, samples, eps);
  const count = x.length / samples;
  return Float64Array.from(x, (v, i) => {
    const s = Math.floor(i / count);
    const c = i % channels;
    return (v - stats[2 * s]) * stats[2 * s + 1] * weight[c] + bias[c];
  });
}
