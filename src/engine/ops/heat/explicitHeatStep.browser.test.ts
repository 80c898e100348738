import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedExplicitHeatStep } from '../fused/fusedKernels';
import { withGpuErrorCheck } from '../testing/gpuErrors';
import { maxRelativeError } from '../testing/relativeError';
import { seededRandom, testSeed, uniformArray } from '../testing/testRandom';
import { explicitHeatStepReference } from './explicitHeatStepReference';

// Tolerance, relative to max |reference| (maxRelativeError): float32 sums of at most 8 neighbours of O(3) values,
// one division and WGSL's exp in the sigmoid (a few ULP): ~1e-6 expected. 1e-5 is 100x below what a wrong neighbour
// count (8 for an edge pixel's 5: a factor 5/8 on the Laplacian), a missing sigmoid or a wrong image's alpha gives.
const REF_TOL = 1e-5;

const seed = testSeed();
const rand = seededRandom(seed);

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

const shapes: [number, number, number, number][] = [
  [2, 5, 7, 8],
  [1, 8, 8, 32],
  [3, 2, 3, 4],
  [1, 1, 1, 16],
  [2, 1, 6, 4],
];

describe('ExplicitHeatStep WGSL program (HcNet, hardware-GPU row)', () => {
  for (const shape of shapes) {
    for (const scale of [1, 0.37, 0]) {
      it(`[${shape}] scale ${scale} matches the float64 reference`, async () => {
        const [b, h, w, c] = shape;
        // Each pixel offset by its row (a step that ignores neighbours or counts wrongly changes the output).
        const x = uniformArray(rand, b * h * w * c, -2, 2).map((v, i) => v + (Math.floor(i / (w * c)) % 3));
        const logit = uniformArray(rand, b * c, -4, 4);
        const ref = explicitHeatStepReference(x, shape, logit, scale);
        const got = await withGpuErrorCheck(async () => {
          const y = tf.tidy(() => fusedExplicitHeatStep(tf.tensor4d(x, shape), tf.tensor2d(logit, [b, c]), scale));
          const data = await y.data();
          y.dispose();
          return data;
        });
        const err = maxRelativeError(got, ref);
        expect(err, `seed ${seed}`).toBeLessThan(REF_TOL);
        // The step does something wherever there are neighbours and a scale.
        if (scale > 0 && h * w > 1) expect(maxRelativeError(x, ref), `seed ${seed}`).toBeGreaterThan(1e-3);
        if (scale === 0 || h * w === 1) expect(err).toBe(0);
      });
    }
  }
});
