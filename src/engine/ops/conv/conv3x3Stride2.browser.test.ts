import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';
import { withGpuErrorCheck } from '../testing/gpuErrors';
import { conv3x3Stride2, conv3x3Stride2Tfjs } from './conv3x3Stride2';
import { CONV3X3_STRIDE2_KERNEL } from './conv3x3Stride2Kernel';
import { conv3x3Stride2Reference } from './conv3x3Stride2Reference';

// Tolerances, relative to max |reference| (maxRelativeError):
// - WGSL (float32 fma over 9 * Cin <= 9 * 96 taps) vs float64: ~1e-6; 1e-5 budget. A tap, padding or stride
//   error moves whole rows or columns: O(1).
const REF_TOL = 1e-5;
// - gradients: the WGSL forward's gradient (conv2dTranspose / Conv2DBackpropFilter of tfjs) vs tf.grad of the
//   tfjs ops (pad + conv2d): both float32, different summation orders: ~1e-6. 1e-4 budget.
const GRAD_TOL = 1e-4;

const seed = testSeed();
const rand = seededRandom(seed);

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

// [B, H, W, Cin, Cout]: RGB stems (Cin 3), vec4 lanes both sides, odd sizes, 1x1 maps, a pixel count not a
// multiple of the 4-pixel tile, batch 2.
const cases: [number, number, number, number, number][] = [
  [1, 32, 32, 3, 16],
  [1, 8, 8, 4, 8],
  [1, 7, 5, 3, 6],
  [2, 9, 6, 8, 12],
  [1, 1, 1, 4, 4],
  [1, 2, 3, 5, 7],
  [1, 14, 14, 96, 192],
];

describe('conv3x3Stride2 WGSL kernel', () => {
  for (const [b, h, w, cin, cout] of cases) {
    for (const withBias of [true, false]) {
      it(`[${b},${h},${w},${cin}] -> ${cout} channels${withBias ? ' + bias' : ''} matches the float64 reference`, async () => {
        const x = uniformArray(rand, b * h * w * cin, -1, 1);
        const f = uniformArray(rand, 9 * cin * cout, -1, 1);
        const bias = withBias ? uniformArray(rand, cout, -1, 1) : undefined;
        const ref = conv3x3Stride2Reference(x, [b, h, w, cin], f, cout, bias);
        const got = await withGpuErrorCheck(async () => {
          const y = conv3x3Stride2(tf.tensor4d(x, [b, h, w, cin]), tf.tensor4d(f, [3, 3, cin, cout]), bias && tf.tensor1d(bias), 'kernel');
          expect(y.shape).toEqual([b, Math.ceil(h / 2), Math.ceil(w / 2), cout]);
          const data = await y.data();
          y.dispose();
          return data;
        });
        expect(maxRelativeError(got, ref)).toBeLessThan(REF_TOL);
      });
    }
  }

  it('is what auto picks on webgpu (no padded copy)', async () => {
    const x = tf.zeros([1, 4, 4, 4]) as tf.Tensor4D;
    const f = tf.zeros([3, 3, 4, 4]) as tf.Tensor4D;
    const prof = await tf.profile(() => conv3x3Stride2(x, f, tf.zeros([4])));
    const names = prof.kernels.map((k) => k.name);
    expect(names).toContain(CONV3X3_STRIDE2_KERNEL);
    expect(names).not.toContain('PadV2');
    tf.dispose([x, f, prof.result as tf.Tensor]);
  });

  it('gradients w.r.t. x, filter and bias match tf.grad of the tfjs ops', async () => {
    const [b, h, w, cin, cout] = [2, 7, 6, 4, 8];
    const xd = uniformArray(rand, b * h * w * cin, -1, 1);
    const fd = uniformArray(rand, 9 * cin * cout, -1, 1);
    const bd = uniformArray(rand, cout, -1, 1);
    const dyd = uniformArray(rand, b * 4 * 3 * cout, -1, 1);
    const before = tf.memory().numTensors;
    const grads = (wgsl: boolean) =>
      tf.tidy(() => {
        const dy = tf.tensor4d(dyd, [b, 4, 3, cout]);
        return tf.grads((xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) => {
          const args = [xx as tf.Tensor4D, ff as tf.Tensor4D, bb as tf.Tensor1D] as const;
          return tf.mul(wgsl ? conv3x3Stride2(...args, 'kernel') : conv3x3Stride2Tfjs(...args), dy);
        })([tf.tensor4d(xd, [b, h, w, cin]), tf.tensor4d(fd, [3, 3, cin, cout]), tf.tensor1d(bd)]);
      });
    const viaKernel = await withGpuErrorCheck(async () => grads(true));
    const viaTfjs = grads(false);
    for (let i = 0; i < 3; i++) expect(maxRelativeError(await viaKernel[i].data(), await viaTfjs[i].data()), `input ${i}`).toBeLessThan(GRAD_TOL);
    tf.dispose([...viaKernel, ...viaTfjs]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a filter that is not 3x3xCin', () => {
    const x = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
    expect(() => conv3x3Stride2(x, tf.zeros([3, 3, 4, 8]) as tf.Tensor4D)).toThrow(/conv3x3Stride2/);
    expect(() => conv3x3Stride2(x, tf.zeros([5, 5, 3, 8]) as tf.Tensor4D)).toThrow(/conv3x3Stride2/);
    x.dispose();
  });
});
