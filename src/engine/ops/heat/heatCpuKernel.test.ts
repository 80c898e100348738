import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { NODE_CPU_SIDE_BACKENDS, useNodeBackend } from '../testing/nodeBackends';
import { heatConduction } from './heatConduction';
import { CPU_FAST_DCT_BLUESTEIN_FROM_SIDE, CPU_FAST_DCT_FROM_SIDE, cpuHeatChoice, HEAT_CPU_KERNEL_MAX_WORK, heatConductionRows, preferHeatCpuKernel } from './heatCpuKernel';
import { HEAT_CONDUCTION_KERNEL, runHeatKernel } from './heatKernel';
import { heatReference } from './heatReference';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';

// Tolerances, relative to max |reference|:
// - the TypeScript kernel vs the float64 reference: the same float64 cosines and float64 sums, only the float32
//   output is rounded (6e-8 of each value). 1e-6 leaves room; a wrong basis row scale, a transposed matrix or the
//   decay on the wrong axis is > 1e-2 for these random inputs.
const REF_TOL = 1e-6;
// - gradients through the kernel vs tf.grad of the portable ops (float32 matMuls of length <= 12): ~1e-6. A wrong
//   adjoint (D instead of D^T) or a missing -s factor is > 1e-1.
const GRAD_TOL = 1e-4;

const seed = testSeed();
console.log(`heatCpuKernel.test seed=${seed}`);
const rand = seededRandom(seed);

type Shape = [number, number, number, number];
const shapes: Shape[] = [
  [1, 1, 1, 1],
  [2, 7, 13, 3],
  [1, 8, 8, 32],
  [1, 12, 5, 2],
  [3, 2, 2, 5],
];

function operands([b, h, w, c]: Shape) {
  return { phi: uniformArray(rand, b * h * w * c, -1, 1), rate: uniformArray(rand, h * w * c, 0, 4), scale: 0.2 + rand() };
}

describe('heatConductionRows (the kernel body)', () => {
  for (const shape of shapes) {
    it(`[${shape}] matches the float64 reference`, () => {
      const { phi, rate, scale } = operands(shape);
      const out = new Float32Array(phi.length);
      heatConductionRows(phi, shape, rate, scale, out);
      expect(maxRelativeError(out, heatReference(phi, shape, rate, scale))).toBeLessThan(REF_TOL);
    });
  }

  it('scale 0 is the identity (the DCT pair is orthonormal)', () => {
    const shape: Shape = [1, 6, 9, 4];
    const { phi, rate } = operands(shape);
    const out = new Float32Array(phi.length);
    heatConductionRows(phi, shape, rate, 0, out);
    expect(maxRelativeError(out, phi)).toBeLessThan(REF_TOL);
  });
});

describe('preferHeatCpuKernel', () => {
  it('takes small maps (the bundled model, 8x8x32 and below) and leaves vHeat-T sizes to the portable ops', () => {
    expect(preferHeatCpuKernel([1, 8, 8, 32])).toBe(true);
    expect(preferHeatCpuKernel([1, 1, 1, 256])).toBe(true);
    expect(preferHeatCpuKernel([1, 56, 56, 96])).toBe(false);
    expect(preferHeatCpuKernel([1, 14, 14, 384])).toBe(false);
    // the bound is on 2 B H W C (H + W) multiply-adds
    expect(preferHeatCpuKernel([1, 16, 16, 16])).toBe(2 * 16 * 16 * 16 * 32 <= HEAT_CPU_KERNEL_MAX_WORK);
  });

  it('cpuHeatChoice: the matrix kernel for small maps, the fast DCT from CPU_FAST_DCT_FROM_SIDE on the short side, matMuls between', () => {
    const s = CPU_FAST_DCT_FROM_SIDE;
    expect(cpuHeatChoice([1, 8, 8, 32])).toBe('matrix-kernel');
    expect(cpuHeatChoice([1, 56, 56, 96])).toBe('portable');
    expect(cpuHeatChoice([1, s, 2 * s, 3])).toBe('fast-kernel');
    expect(cpuHeatChoice([1, s / 2, 1024, 3])).toBe('portable');
    expect(cpuHeatChoice([1, 768, 1024, 3])).toBe('fast-kernel');
    // a side with a prime factor above 7 takes Bluestein's path, worth it only from CPU_FAST_DCT_BLUESTEIN_FROM_SIDE
    expect(cpuHeatChoice([1, 1009, 1024, 3])).toBe(1009 >= CPU_FAST_DCT_BLUESTEIN_FROM_SIDE ? 'fast-kernel' : 'portable');
    expect(cpuHeatChoice([1, 257, 256, 3])).toBe(257 >= CPU_FAST_DCT_BLUESTEIN_FROM_SIDE ? 'fast-kernel' : 'portable');
  });
});

for (const backend of NODE_CPU_SIDE_BACKENDS) {
  describe(`heatConduction TypeScript kernel on the '${backend}' backend`, () => {
    it('starts the backend', async () => {
      await useNodeBackend(backend);
      expect(tf.getBackend()).toBe(backend);
    });

    for (const shape of shapes) {
      it(`[${shape}] impl 'kernel' matches the float64 reference, no tensor left behind`, async () => {
        await useNodeBackend(backend);
        const { phi, rate, scale } = operands(shape);
        const before = tf.memory().numTensors;
        const [pt, rt] = [tf.tensor4d(phi, shape), tf.tensor3d(rate, [shape[1], shape[2], shape[3]])];
        const y = heatConduction(pt, rt, scale, 'kernel');
        expect(y.shape).toEqual(shape);
        expect(maxRelativeError(await y.data(), heatReference(phi, shape, rate, scale))).toBeLessThan(REF_TOL);
        tf.dispose([pt, rt, y]);
        expect(tf.memory().numTensors).toBe(before);
      });
    }

    it("strategy 'fast' (the fast DCT, Bluestein sides included) matches the float64 reference", async () => {
      await useNodeBackend(backend);
      const shape: Shape = [2, 11, 24, 3];
      const { phi, rate, scale } = operands(shape);
      const [pt, rt] = [tf.tensor4d(phi, shape), tf.tensor3d(rate, [shape[1], shape[2], shape[3]])];
      const y = runHeatKernel(pt, rt, scale, 'fast');
      expect(maxRelativeError(await y.data(), heatReference(phi, shape, rate, scale))).toBeLessThan(REF_TOL);
      tf.dispose([pt, rt, y]);
    });

    it("'auto' runs the one kernel for a small map, the portable matMuls for a larger one, the kernel for an image", async () => {
      await useNodeBackend(backend);
      const names = async (shape: Shape) => {
        const pt = tf.zeros(shape) as tf.Tensor4D;
        const rt = tf.zeros([shape[1], shape[2], shape[3]]) as tf.Tensor3D;
        const prof = await tf.profile(() => heatConduction(pt, rt, 1));
        tf.dispose([pt, rt]);
        return prof.kernels.map((k) => k.name);
      };
      expect(await names([1, 8, 8, 16])).toEqual([HEAT_CONDUCTION_KERNEL]);
      const large = await names([1, 28, 28, 64]);
      expect(large).not.toContain(HEAT_CONDUCTION_KERNEL);
      expect(large.filter((n) => n === 'BatchMatMul' || n === '_FusedMatMul').length).toBe(4);
      // an image-sized map: the one kernel again, on the fast DCT
      expect(await names([1, CPU_FAST_DCT_FROM_SIDE, 2 * CPU_FAST_DCT_FROM_SIDE, 3])).toEqual([HEAT_CONDUCTION_KERNEL]);
    });

    it('gradients w.r.t. phi and rate match tf.grad of the portable ops', async () => {
      await useNodeBackend(backend);
      const shape: Shape = [2, 5, 7, 3];
      const { phi, rate, scale } = operands(shape);
      const dy = uniformArray(rand, phi.length, -1, 1);
      const grads = (impl: 'kernel' | 'tfjs') =>
        tf.tidy(() => {
          const f = (p: tf.Tensor, r: tf.Tensor) => tf.sum(tf.mul(heatConduction(p as tf.Tensor4D, r as tf.Tensor3D, scale, impl), tf.tensor4d(dy, shape)));
          return tf.grads(f)([tf.tensor4d(phi, shape), tf.tensor3d(rate, [5, 7, 3])]).map((g) => g.dataSync());
        });
      const kernel = grads('kernel');
      const portable = grads('tfjs');
      kernel.forEach((g, i) => expect(maxRelativeError(g, portable[i]), i === 0 ? 'd/dphi' : 'd/drate').toBeLessThan(GRAD_TOL));
    });
  });
}
