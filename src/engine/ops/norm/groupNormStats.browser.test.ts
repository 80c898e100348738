import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { denseReference } from '../dense/denseReference';
import { fusedGroupNorm, fusedLinear, groupNormStats } from '../fused/fusedKernels';
import { withGpuErrorCheck } from '../testing/gpuErrors';
import { maxRelativeError } from '../testing/relativeError';
import { seededRandom, testSeed, uniformArray } from '../testing/testRandom';
import { groupNormOneGroupReference, groupNormStatsReference } from './groupNormReference';

// Tolerances, relative to max |reference| (maxRelativeError):
// - statistics: float32 partial sums of up to 50,000 values (strided per invocation, then a tree of 256): each
//   pass rounds to ~1e-7 * log2(n) relative; the variance is computed from centred values (two passes), so an offset
//   mean of 3 costs no cancellation. ~1e-6 expected; 1e-5 is far below a biased/unbiased slip (n/(n-1)) only for
//   small n, so the test also checks the [1,1,1,4] case where that factor is 4/3.
const STATS_TOL = 1e-5;
// - GroupNorm in the linear map's prologue, GELU after (float32, K <= 64 products, WGSL's exp in the erf
//   approximation 1.5e-7): ~1e-6 expected against the float64 GroupNorm -> dense -> exact GELU; 1e-5 keeps 100x below
//   a wrong image's statistics or a missing affine.
const LINEAR_TOL = 1e-5;
const EPS = 1e-5;

const seed = testSeed();
const rand = seededRandom(seed);

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

/** Values with a per-sample offset (0, 3, 6 ...) and spread, so a pooled or uncentred statistic fails. */
function samples(b: number, count: number): Float32Array {
  return uniformArray(rand, b * count, -2, 2).map((v, i) => v * (1 + (Math.floor(i / count) % 2)) + 3 * Math.floor(i / count));
}

const run = (f: () => tf.Tensor) => withGpuErrorCheck(async () => {
  const y = tf.tidy(f);
  const data = await y.data();
  y.dispose();
  return data;
});

describe('GroupNormStats WGSL program', () => {
  for (const shape of [[2, 5, 7, 8], [1, 14, 14, 64], [3, 1, 1, 4], [1, 1, 1, 4], [2, 28, 28, 32]] as const) {
    it(`[${shape}] (mean, rstd) per sample match the float64 reference`, async () => {
      const [b, h, w, c] = shape;
      const x = samples(b, h * w * c);
      const ref = groupNormStatsReference(x, b, EPS);
      const got = await run(() => groupNormStats(tf.tensor4d(x, [...shape]), EPS));
      expect(maxRelativeError(got, ref), `seed ${seed}`).toBeLessThan(STATS_TOL);
    });
  }
});

describe('GroupNormStats, normalise variant: the whole GroupNorm in one dispatch', () => {
  // Same tolerance as the statistics: one more fma per value, outputs O(3).
  for (const shape of [[2, 5, 7, 8], [1, 14, 14, 64], [3, 1, 1, 4]] as const) {
    it(`[${shape}] matches the float64 GroupNorm(1, C)`, async () => {
      const [b, h, w, c] = shape;
      const x = samples(b, h * w * c);
      const weight = uniformArray(rand, c, 0.5, 2);
      const bias = uniformArray(rand, c, -1, 1);
      const ref = groupNormOneGroupReference(x, b, c, weight, bias, EPS);
      const got = await run(() => fusedGroupNorm(tf.tensor4d(x, [...shape]), tf.tensor1d(weight), tf.tensor1d(bias), EPS));
      expect(maxRelativeError(got, ref), `seed ${seed}`).toBeLessThan(STATS_TOL);
    });
  }
});

describe("FusedLinear's groupNorm prologue (HcNet's norm2 -> fc1 -> GELU)", () => {
  for (const [b, h, w, k, n] of [[2, 5, 7, 8, 32], [1, 4, 4, 64, 16], [3, 2, 3, 4, 4]] as const) {
    it(`[${b},${h},${w},${k}] @ [${k},${n}]: GELU(GroupNorm(x) W + b) matches the float64 reference`, async () => {
      const x = samples(b, h * w * k);
      const lnWeight = uniformArray(rand, k, 0.5, 2);
      const lnBias = uniformArray(rand, k, -1, 1);
      const weight = uniformArray(rand, k * n, -0.5, 0.5);
      const bias = uniformArray(rand, n, -0.5, 0.5);
      const normed = groupNormOneGroupReference(x, b, k, lnWeight, lnBias, EPS);
      const ref = denseReference(normed, weight, bias, [b * h * w, k, n], 'gelu');
      const got = await run(() => {
        const x4 = tf.tensor4d(x, [b, h, w, k]);
        return fusedLinear(x4, tf.tensor2d(weight, [k, n]), tf.tensor1d(bias), {
          prologue: 'groupNorm', epilogue: 'gelu', mapH: h, mapW: w,
          inputs: { lnWeight: tf.tensor1d(lnWeight), lnBias: tf.tensor1d(lnBias), stats: groupNormStats(x4, EPS) },
        });
      });
      expect(maxRelativeError(got, ref), `seed ${seed}`).toBeLessThan(LINEAR_TOL);
    });
  }
});
