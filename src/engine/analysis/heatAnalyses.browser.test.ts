import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { heatConduction } from '../ops/heat/heatConduction';
import { rateFromDiffusivity } from '../ops/heat/rate';
import { principalBasisOfMap, reduceFrames } from './frameReductions';
import { diffuseAtTimes } from './heatFrames';
import { pointResponse, spatialKernelMap } from './pointResponse';
import { principalBasis } from './principalComponents';
import { testSeed, gaussian, seededRandom } from '../ops/testing/testRandom';
import { maxRelativeError as maxRelDiff } from '../ops/testing/relativeError';

// Tolerances (relative to the largest |value| of the reference): the operator is float32 DCT/IDCT with
// length <= 12 sums of O(1) values, ~1e-6 rounding; 2e-5 leaves room for WGSL vs tfjs op order.
const OP_TOL = 2e-5;

const seed = testSeed('heatAnalyses.browser');
const rand = seededRandom(seed);
const normal = gaussian(rand);

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

/** Random phi [1,H,W,C] and a rate from a positive k in [0.5, 2). */
function randomInputs(h: number, w: number, c: number) {
  const phi = tf.tensor4d(Float32Array.from({ length: h * w * c }, () => normal()), [1, h, w, c]);
  const k = tf.tensor3d(Float32Array.from({ length: h * w * c }, () => 0.5 + 1.5 * rand()), [h, w, c]);
  const rate = rateFromDiffusivity(k);
  k.dispose();
  return { phi, rate };
}

for (const impl of ['kernel', 'tfjs'] as const) {
  describe(`heat frames (${impl})`, () => {
    it('t = 0 gives phi, t = 1 the operator, large t the channel means; batching is exact', async () => {
      const [h, w, c] = [6, 7, 3];
      const { phi, rate } = randomInputs(h, w, c);
      const s = 0.8;
      const times = [0, 0.5, 1, 3, 1e4];
      const frames = diffuseAtTimes(phi, rate, s, times, { impl });
      expect(frames.shape).toEqual([times.length, h, w, c]);
      const all = await frames.data();
      const phiData = await phi.data();
      const per = h * w * c;
      expect(maxRelDiff(all.subarray(0, per), phiData)).toBeLessThan(OP_TOL);
      for (const [i, t] of times.entries()) {
        const direct = heatConduction(phi, rate, t * s, impl);
        expect(maxRelDiff(all.subarray(i * per, (i + 1) * per), await direct.data())).toBeLessThan(OP_TOL);
        direct.dispose();
      }
      // t = 1e4: exp(-1e4 * 0.8 * rate) underflows to 0 except at n = m = 0 (smallest other rate is
      // (pi/7)^2 * 0.5 ~ 0.1), so every pixel holds its channel's mean.
      const means = new Float64Array(c);
      for (let p = 0; p < h * w; p++) for (let j = 0; j < c; j++) means[j] += phiData[p * c + j] / (h * w);
      const last = all.subarray(4 * per);
      const expected = Float32Array.from({ length: per }, (_, i) => means[i % c]);
      let maxAbs = 0;
      for (const v of phiData) maxAbs = Math.max(maxAbs, Math.abs(v));
      for (let i = 0; i < per; i++) expect(Math.abs(last[i] - expected[i]) / maxAbs).toBeLessThan(OP_TOL);
      // Chunked into single-frame calls: same frames.
      const chunked = diffuseAtTimes(phi, rate, s, times, { impl, maxElementsPerCall: per });
      expect(maxRelDiff(await chunked.data(), all)).toBeLessThan(OP_TOL);
      tf.dispose([phi, rate, frames, chunked]);
    });

    it('point response conserves heat per channel, is symmetric and mirror-equivariant', async () => {
      const [h, w, c] = [7, 5, 4];
      const { phi, rate } = randomInputs(h, w, c);
      phi.dispose();
      const s = 0.6;
      const p = { row: 1, col: 3 };
      const q = { row: 5, col: 0 };
      const rp = pointResponse(rate, s, p, impl);
      const rq = pointResponse(rate, s, q, impl);
      const [dp, dq] = [await rp.data(), await rq.data()];
      for (let j = 0; j < c; j++) {
        let sum = 0;
        for (let i = 0; i < h * w; i++) sum += dp[i * c + j];
        // sum of h*w float32 values of size <= 1: ~1e-6
        expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
        // self-adjoint: K(q <- p) = K(p <- q)
        expect(Math.abs(dp[(q.row * w + q.col) * c + j] - dq[(p.row * w + p.col) * c + j])).toBeLessThan(1e-5);
      }
      // Reflection x -> W-1-x only flips the sign of odd DCT coefficients, which the diagonal decay keeps:
      // the response to the mirrored point is the mirrored response.
      const mirrored = pointResponse(rate, s, { row: p.row, col: w - 1 - p.col }, impl);
      const dm = await mirrored.data();
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let j = 0; j < c; j++) {
        expect(Math.abs(dm[(y * w + x) * c + j] - dp[(y * w + (w - 1 - x)) * c + j])).toBeLessThan(1e-5);
      }
      // s = 0: no diffusion, the point stays a point.
      const still = await spatialKernelMap(rate, 0, p, { kind: 'channel', channel: 2 }, impl);
      for (let i = 0; i < h * w; i++) expect(still.data[i]).toBeCloseTo(i === p.row * w + p.col ? 1 : 0, 5);
      const mean = await spatialKernelMap(rate, s, p, { kind: 'mean' }, impl);
      let total = 0;
      for (const v of mean.data) total += v;
      expect(total).toBeCloseTo(1, 4);
      tf.dispose([rate, rp, rq, mirrored]);
    });
  });
}

describe('frame reductions', () => {
  it('energy, channel and PCA views match plain-JS computations', async () => {
    const [t, h, w, c] = [3, 5, 4, 6];
    const values = Float32Array.from({ length: t * h * w * c }, () => normal());
    const frames = tf.tensor4d(values, [t, h, w, c]);
    const energy = await reduceFrames(frames, { kind: 'energy' });
    const channel = await reduceFrames(frames, { kind: 'channel', channel: 4 });
    const n = t * h * w;
    for (let p = 0; p < n; p++) {
      let ss = 0;
      for (let j = 0; j < c; j++) ss += values[p * c + j] ** 2;
      // float32 mean of 6 squares then sqrt: ~1e-7 relative
      expect(energy.data[p]).toBeCloseTo(Math.sqrt(ss / c), 5);
      expect(channel.data[p]).toBe(values[p * c + 4]);
    }
    expect(energy.frameRanges.length).toBe(t);
    // PCA fitted on frame 0 on the GPU vs the float64 JS PCA of the same pixels.
    const basis = await principalBasisOfMap(frames, 3, 0);
    const ref = principalBasis(values.subarray(0, h * w * c), h * w, c, 3);
    for (let i = 0; i < 3; i++) {
      let dot = 0;
      for (let j = 0; j < c; j++) dot += basis.components[i * c + j] * ref.components[i * c + j];
      // float32 covariance of 20 points: directions agree to ~1e-5 unless eigenvalues nearly tie
      const gap = Math.min(...[i > 0 ? ref.variances[i - 1] - ref.variances[i] : Infinity, ref.variances[i] - (ref.variances[i + 1] ?? 0)]);
      if (gap > 1e-2 * ref.variances[0]) expect(dot).toBeGreaterThan(1 - 1e-4);
    }
    const pca = await reduceFrames(frames, { kind: 'pca', basis });
    expect(pca.components).toBe(3);
    expect(pca.data.length).toBe(n * 3);
    for (let p = 0; p < n; p++) {
      for (let i = 0; i < 3; i++) {
        let v = 0;
        for (let j = 0; j < c; j++) v += (values[p * c + j] - basis.mean[j]) * basis.components[i * c + j];
        expect(pca.data[p * 3 + i]).toBeCloseTo(v, 4);
      }
    }
    frames.dispose();
  });

  it('leaks no tensors across repeated analyses', async () => {
    const { phi, rate } = randomInputs(6, 6, 3);
    const run = async () => {
      const f = diffuseAtTimes(phi, rate, 1, [0, 1, 2]);
      await reduceFrames(f, { kind: 'energy' });
      const basis = await principalBasisOfMap(phi);
      await reduceFrames(f, { kind: 'pca', basis });
      f.dispose();
      await spatialKernelMap(rate, 1, { row: 2, col: 3 }, { kind: 'mean' });
    };
    await run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await run();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([phi, rate]);
  });
});
