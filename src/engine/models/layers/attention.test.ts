// Window attention against global attention: one window the size of the map is global attention, and 7x7 windows
// on a 14x14 map are global attention on each quadrant by itself. (Global attention itself is checked against
// PyTorch through the ViT rival: tools/python/parityFixtures.test.ts on fixtures/rivals.)
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError } from '../../ops/testing/relativeError';
import { seededRandom, testSeed, uniformArray } from '../../ops/testing/testRandom';
import { globalAttention, windowAttention, type AttentionParams } from './attention';

const C = 8;
const HEADS = 2;
// float32 with the same ops in a different grouping (reshapes, transposes): rounding only.
const TOLERANCE = 1e-5;

function params(rand: () => number): AttentionParams {
  const dense = () => ({ weight: tf.tensor2d(uniformArray(rand, C * C, -0.5, 0.5), [C, C]), bias: tf.tensor1d(uniformArray(rand, C, -0.1, 0.1)) });
  return { q: dense(), k: dense(), v: dense(), proj: dense() };
}

describe('windowAttention', () => {
  const seed = testSeed();
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('with one window over the whole map equals global attention', () => {
    const rand = seededRandom(seed);
    const p = params(rand);
    const x = tf.tensor4d(uniformArray(rand, 2 * 7 * 7 * C, -1, 1), [2, 7, 7, C]);
    const a = globalAttention(x, p, HEADS);
    const b = windowAttention(x, p, HEADS, 7);
    expect(maxRelativeError(b.dataSync(), a.dataSync())).toBeLessThan(TOLERANCE);
    tf.dispose([x, a, b, ...Object.values(p).flatMap((d) => [d.weight, d.bias])]);
  });

  it('with 7x7 windows on a 14x14 map is global attention on each quadrant alone', () => {
    const rand = seededRandom(seed);
    const p = params(rand);
    const x = tf.tensor4d(uniformArray(rand, 14 * 14 * C, -1, 1), [1, 14, 14, C]);
    const windowed = windowAttention(x, p, HEADS, 7);
    for (const [r, c] of [[0, 0], [0, 7], [7, 0], [7, 7]]) {
      const quadrant = tf.slice(x, [0, r, c, 0], [1, 7, 7, C]);
      const want = globalAttention(quadrant, p, HEADS);
      const got = tf.slice(windowed, [0, r, c, 0], [1, 7, 7, C]);
      expect(maxRelativeError(got.dataSync(), want.dataSync()), `window at ${r},${c}`).toBeLessThan(TOLERANCE);
      tf.dispose([quadrant, want, got]);
    }
    // and a token attends only within its window: the map differs from global attention over all 196 tokens
    const global = globalAttention(x, p, HEADS);
    expect(maxRelativeError(windowed.dataSync(), global.dataSync())).toBeGreaterThan(1e-3);
    tf.dispose([x, windowed, global, ...Object.values(p).flatMap((d) => [d.weight, d.bias])]);
  });

  it('refuses a map that does not tile into windows, and heads that do not divide the channels', () => {
    const rand = seededRandom(seed);
    const p = params(rand);
    const x = tf.zeros([1, 10, 10, C]) as tf.Tensor4D;
    expect(() => windowAttention(x, p, HEADS, 7)).toThrow(/does not tile into 7x7 windows/);
    expect(() => globalAttention(x, p, 3)).toThrow(/do not split into 3 heads/);
    tf.dispose([x, ...Object.values(p).flatMap((d) => [d.weight, d.bias])]);
  });
});
