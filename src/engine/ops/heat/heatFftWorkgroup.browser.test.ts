import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { withGpuErrorCheck } from '../testing/gpuErrors';
import { dctMatrix } from './dctBasis';
import { fastDctSupported } from './fastDctPlan';
import { fftWorkgroupLength, fftWorkgroupTableF32 } from './fftWorkgroupPlan';
import { fftWorkgroupShape, heatFftWorkgroupPass } from './heatFftWorkgroupProgram';
import { activeProfile, forceKernelRow } from '../../backend/kernelChoice';
import { axisTable, dctHWForStrategy, runHeatKernel, type HeatWgslStrategy } from './heatKernel';
import { heatReference } from './heatReference';
import { maxRelativeError } from '../testing/relativeError';
import { testSeed, seededRandom, uniformArray } from '../testing/testRandom';

// The workgroup-memory fast DCT (heatFftWorkgroupProgram.ts, forced with the 'fast-workgroup' strategy) inside the
// whole operator and alone (DCT_HW), against float64 references (heatReference.ts; dctMatrix below), relative error
// max|a - b| / max|ref|. The step-for-step float64 model of the program is fftWorkgroupReference.ts (unit-tested).
// Budget, 7-smooth sides: as heatFastDct.browser.test.ts, ~eps log2(N) per transform and four transforms, ~5e-6 in
// the worst element at N = 1024: REF_TOL 1e-5, the operator's float32 contract.
// Bluestein sides: each transform is three FFTs of length M <= 2048 (two in float32 here, the filter's in float64),
// the chirp twice and the filter once, each rounding relative to the line's norm: ~2x the smooth budget at M = 2048.
// (Seen on SwiftShader: <= 8e-7 on every side, smooth or not.)
const REF_TOL = 1e-5;
const BLUESTEIN_TOL = 2e-5;

const seed = testSeed();
console.log(`heatFftWorkgroup.browser.test seed=${seed}`);
const rand = seededRandom(seed);

beforeAll(async () => {
  expect(await tf.setBackend('webgpu')).toBe(true);
  await tf.ready();
});

function tolerance(n: number): number {
  return fastDctSupported(n) ? REF_TOL : BLUESTEIN_TOL;
}

/** The test would pass on another program: each side must be one the workgroup program takes on this device. */
function expectWorkgroupProgram(strategy: HeatWgslStrategy, ...sides: number[]): void {
  const limits = (tf.backend() as WebGPUBackend).device.limits;
  for (const n of sides) expect(axisTable(n, strategy, limits).transform, `side ${n}`).toBe('fast-workgroup');
}

/** The operator on random inputs of this shape, s given, and its error against the float64 reference. */
async function operatorError(shape: [number, number, number, number], s: number, strategy: HeatWgslStrategy = 'fast-workgroup'): Promise<number> {
  const [b, h, w, c] = shape;
  expectWorkgroupProgram(strategy, h, w);
  const phiData = uniformArray(rand, b * h * w * c, -1, 1);
  const rateData = uniformArray(rand, h * w * c, 0, 3);
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

/** DCT_HW in float64 with the matrices of dctBasis.ts, x NHWC [B,H,W,C]. */
function dctHWReference(x: ArrayLike<number>, [b, h, w, c]: readonly number[]): Float64Array {
  const dh = dctMatrix(h);
  const dw = dctMatrix(w);
  const at = (bi: number, y: number, xx: number, ci: number) => ((bi * h + y) * w + xx) * c + ci;
  const tmp = new Float64Array(b * h * w * c);
  const out = new Float64Array(b * h * w * c);
  for (let bi = 0; bi < b; bi++) {
    for (let ci = 0; ci < c; ci++) {
      for (let n = 0; n < h; n++) {
        for (let xx = 0; xx < w; xx++) {
          let acc = 0;
          for (let y = 0; y < h; y++) acc += dh[n * h + y] * x[at(bi, y, xx, ci)];
          tmp[at(bi, n, xx, ci)] = acc;
        }
      }
      for (let n = 0; n < h; n++) {
        for (let m = 0; m < w; m++) {
          let acc = 0;
          for (let xx = 0; xx < w; xx++) acc += dw[m * w + xx] * tmp[at(bi, n, xx, ci)];
          out[at(bi, n, m, ci)] = acc;
        }
      }
    }
  }
  return out;
}

describe('the workgroup-memory fast DCT (WGSL) in the heat operator, against the float64 reference', () => {
  it('every side 2..64 along H and along W (3 channels, t from 0.05 to 1)', async () => {
    let worst = 0;
    for (let n = 2; n <= 64; n++) {
      const s = 0.05 + 0.95 * rand();
      for (const shape of [[1, n, 3, 3], [1, 2, n, 3]] as [number, number, number, number][]) {
        const err = await operatorError(shape, s);
        worst = Math.max(worst, err);
        if (!(err <= tolerance(n))) throw new Error(`[${shape}] s=${s}: relative error ${err} > ${tolerance(n)} (seed ${seed})`);
      }
    }
    console.log(`fast-workgroup, sides 2..64: worst relative error ${worst.toExponential(2)}`);
  });

  it('a spread to 1024, smooth and not (Bluestein M up to 2048), a few lines each', async () => {
    for (const n of [97, 127, 128, 251, 256, 257, 667, 1000, 1021, 1022, 1024]) {
      expect(fftWorkgroupLength(n) <= 2048).toBe(true);
      for (const shape of [[1, n, 2, 1], [1, 1, n, 2]] as [number, number, number, number][]) {
        const err = await operatorError(shape, 0.3);
        console.log(`fast-workgroup [${shape}] (FFT length ${fftWorkgroupLength(n)}): relative error ${err.toExponential(2)}`);
        expect(err, `[${shape}] seed ${seed}`).toBeLessThanOrEqual(tolerance(n));
      }
    }
  });

  it('channels, batch and t: the decay per channel and the rate rows per image', async () => {
    const cases: [[number, number, number, number], number][] = [
      [[2, 23, 29, 3], 0.02], [[3, 12, 7, 5], 0.7], [[1, 97, 14, 4], 1.5], [[2, 1, 1, 4], 0.5], [[1, 5, 125, 2], 0.1],
    ];
    for (const [shape, s] of cases) {
      const err = await operatorError(shape, s);
      console.log(`fast-workgroup [${shape}] s=${s}: relative error ${err.toExponential(2)}`);
      expect(err, `[${shape}] s=${s} seed ${seed}`).toBeLessThanOrEqual(Math.max(tolerance(shape[1]), tolerance(shape[2])));
    }
  });

  it('the forward transform alone (DCT_HW, what the rate gradient uses) on smooth and Bluestein sides', async () => {
    for (const shape of [[1, 24, 97, 2], [2, 667, 3, 1], [1, 7, 64, 3]] as [number, number, number, number][]) {
      expectWorkgroupProgram('fast-workgroup', shape[1], shape[2]);
      const data = uniformArray(rand, shape.reduce((a, d) => a * d, 1), -1, 1);
      const out = await withGpuErrorCheck(async () => {
        const x = tf.tensor4d(data, shape);
        const y = dctHWForStrategy(x, 'fast-workgroup');
        const values = await y.data();
        tf.dispose([x, y]);
        return values;
      });
      const err = maxRelativeError(out, dctHWReference(data, shape));
      console.log(`fast-workgroup DCT_HW [${shape}]: relative error ${err.toExponential(2)}`);
      expect(err, `[${shape}] seed ${seed}`).toBeLessThanOrEqual(BLUESTEIN_TOL);
    }
  });

  it("the hardware-GPU row ('unmeasured-gpu', forced by name) takes it under 'auto'; SwiftShader's row for Bluestein sides from 401", async () => {
    const limits = (tf.backend() as WebGPUBackend).device.limits;
    try {
      forceKernelRow('unmeasured-gpu');
      expect(axisTable(224, 'auto', limits).transform).toBe('fast-workgroup');
      expect(axisTable(667, 'auto', limits).transform).toBe('fast-workgroup');
      expect(axisTable(56, 'auto', limits).transform).toBe('matrix');
      const err = await operatorError([1, 130, 64, 2], 0.2, 'auto'); // 130 = 2 x 5 x 13: Bluestein
      expect(err, `seed ${seed}`).toBeLessThanOrEqual(BLUESTEIN_TOL);
      // The row's widths (256 for FFT lengths above 256) on the longest lines; the tests above ran SwiftShader's 16.
      expect(fftWorkgroupShape(1021, limits, activeProfile().heatFftMaxInvocations)!.workgroup).toBe(256);
      for (const shape of [[1, 1021, 2, 1], [1, 1, 1024, 2], [1, 667, 2, 1]] as [number, number, number, number][]) {
        const wide = await operatorError(shape, 0.3);
        expect(wide, `[${shape}] 256 wide, seed ${seed}`).toBeLessThanOrEqual(tolerance(Math.max(shape[1], shape[2])));
      }
      forceKernelRow('swiftshader');
      expect(axisTable(224, 'auto', limits).transform).toBe('fast');
      expect(axisTable(257, 'auto', limits).transform).toBe('matrix');
      expect(axisTable(667, 'auto', limits).transform).toBe('fast-workgroup');
    } finally {
      forceKernelRow(null);
    }
  });

  it('a 2-D grid of workgroups (gridWidth 3 for 8 pairs: 9 workgroups, one idle), a lone last line; no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    const backend = tf.backend() as WebGPUBackend;
    const shape = [1, 37, 5, 3]; // along H: 15 lines of 37 (Bluestein, M = 96), 8 pairs
    const grid = fftWorkgroupShape(37, backend.device.limits, 256)!; // 64 invocations (37 -> M = 96)
    const data = uniformArray(rand, 37 * 15, -1, 1);
    const out = await withGpuErrorCheck(async () => {
      const x = tf.tensor4d(data, shape as [number, number, number, number]);
      const table = tf.tensor1d(fftWorkgroupTableF32(37));
      const unusedRate = tf.zeros([37 * 15]);
      const pass = { lineShape: [1, 37, 15] as [number, number, number], inverse: false, decay: false, rateRows: 37, tableOffset: 0, scale: 0 };
      const y = heatFftWorkgroupPass(backend, x, table, unusedRate, pass, grid, 3);
      const values = await backend.read(y.dataId);
      backend.disposeData(y.dataId);
      tf.dispose([x, table, unusedRate]);
      return values as Float32Array;
    });
    // The reference: DCT along H only, DCT along W of a 1-wide map is the identity.
    const err = maxRelativeError(out, dctHWReference(data, [1, 37, 1, 15]));
    expect(err, `seed ${seed}`).toBeLessThanOrEqual(BLUESTEIN_TOL);
    expect(tf.memory().numTensors).toBe(before);
  });
});
