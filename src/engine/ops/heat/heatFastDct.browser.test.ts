import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { withGpuErrorCheck } from '../testing/gpuErrors';
import { fastDctSupported } from './fastDctPlan';
import { MAX_FAST_DCT_SIDE } from './heatFastDctProgram';
import { runHeatKernel, type HeatWgslStrategy } from './heatKernel';
import { heatReference } from './heatReference';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';

// The WGSL fast transform (heatFastDctProgram.ts) inside the whole operator, against the float64 reference
// (heatReference.ts, plain matrix loops), relative error max|a - b| / max|ref|.
// Budget: the float32 FFT's error grows like eps * log2(N) per transform (each of the ~log2 N stages adds a rounding
// of O(eps) relative to the line's norm), and the post-twiddles and the load add a few eps more: for N <= 1024 and
// four transforms, ~40 eps ~ 5e-6 in the worst element. The matrix passes' sums of N products grow like
// eps * sqrt(N) ~ 4e-6 at N = 1024. 1e-5 (the operator's float32 contract, heatConduction.browser.test.ts) covers both.
const REF_TOL = 1e-5;

const seed = testSeed();
console.log(`heatFastDct.browser.test seed=${seed}`);
const rand = seededRandom(seed);

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

/** The operator on random inputs of this shape under a strategy, and its float64 reference. */
async function errorAgainstReference(shape: [number, number, number, number], strategy: HeatWgslStrategy): Promise<number> {
  const [b, h, w, c] = shape;
  const phiData = uniformArray(rand, b * h * w * c, -1, 1);
  const rateData = uniformArray(rand, h * w * c, 0, 3);
  const s = 0.05 + rand();
  const out = await withGpuErrorCheck(async () => {
    const phi = tf.tensor4d(phiData, shape);
    const rate = tf.tensor3d(rateData, [h, w, c]);
    const y = runHeatKernel(phi, rate, s, strategy);
    const data = await y.data();
    tf.dispose([phi, rate, y]);
    return data;
  });
  return maxRelativeError(out, heatReference(phiData, shape, rateData, s));
}

const SUPPORTED = Array.from({ length: MAX_FAST_DCT_SIDE }, (_, i) => i + 1).filter(fastDctSupported);

describe('the fast DCT (WGSL) in the heat operator, against the float64 reference', () => {
  it(`every supported side up to ${MAX_FAST_DCT_SIDE} along H (${SUPPORTED.length} sides; W = 3, fast too)`, async () => {
    let worst = 0;
    for (const n of SUPPORTED) {
      const err = await errorAgainstReference([1, n, 3, 1], 'fast');
      worst = Math.max(worst, err);
      if (!(err <= REF_TOL)) throw new Error(`N=${n}: relative error ${err} > ${REF_TOL} (seed ${seed})`);
    }
    console.log(`fast along H, ${SUPPORTED.length} sides: worst relative error ${worst.toExponential(2)}`);
  });

  it('along W, with channels and batch, odd and prime sides (primes through Bluestein, heatFftWorkgroupProgram.ts)', async () => {
    const shapes: [number, number, number, number][] = [
      [2, 3, 7, 5], [1, 2, 49, 4], [1, 5, 125, 3], [1, 2, 243, 2], [1, 2, 343, 1], [1, 2, 1000, 1], [1, 2, 1024, 2],
      [1, 13, 97, 1], [1, 1021, 2, 1], [1, 2, 1021, 1], [1, 11, 22, 3], [1, 1, 1, 4],
    ];
    for (const shape of shapes) {
      const err = await errorAgainstReference(shape, 'fast');
      console.log(`fast [${shape}]: relative error ${err.toExponential(2)}`);
      expect(err, `[${shape}] seed ${seed}`).toBeLessThanOrEqual(REF_TOL);
    }
  });

  it('property over random supported sides: forward then inverse (s = 0) is the identity; no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    for (let trial = 0; trial < 6; trial++) {
      const h = SUPPORTED[Math.floor(rand() * SUPPORTED.length)];
      const w = SUPPORTED[Math.floor(rand() * 64)];
      const phiData = uniformArray(rand, h * w * 2, -1, 1);
      const out = await withGpuErrorCheck(async () => {
        const phi = tf.tensor4d(phiData, [1, h, w, 2]);
        const rate = tf.zeros([h, w, 2]) as tf.Tensor3D;
        const y = runHeatKernel(phi, rate, 0, 'fast');
        const data = await y.data();
        tf.dispose([phi, rate, y]);
        return data;
      });
      expect(maxRelativeError(out, phiData), `${h}x${w} seed ${seed}`).toBeLessThanOrEqual(REF_TOL);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
