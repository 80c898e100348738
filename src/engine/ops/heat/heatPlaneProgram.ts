import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { dctMatrixF32 } from './dctBasis';
import { MAX_WORKGROUPS_PER_DIMENSION } from '../webgpuProgram';

/** Bytes of workgroup memory the program asks for at most (the WebGPU default 16 KiB is granted everywhere). */
const MAX_PLANE_BYTES = 32768;
/** Workgroup widths: 64 invocations for planes up to 1024 values, 256 (the default limit) above. */
const SMALL_PLANE = 1024;

/** Plane capacity (H * W values, fp32) on a device: its maxComputeWorkgroupStorageSize, capped at 32 KiB. */
export function planeCapacity(device: GPUDevice): number {
  return Math.min(device.limits.maxComputeWorkgroupStorageSize, MAX_PLANE_BYTES) / 4;
}

/**
 * The whole heat operator IDCT_HW(DCT_HW(phi) * exp(-s rate)) for one (image, channel) plane per workgroup, in ONE
 * dispatch for every plane: the H x W plane sits in workgroup memory once (56 x 56 fp32 = 12.5 KB, vHeat-T 224's
 * largest, fits the default 16 KiB); four stages (DCT along H, DCT along W times the decay, inverse along W,
 * inverse along H) each compute every position as a dot product with a cosine row (from the [D_H | D_W] table in
 * a storage buffer, read by every invocation alike: cached), hold the results in registers (a constant-size
 * private array, positions lid, lid + WG, ...), and write back after a barrier.
 *
 * For a hardware GPU (kernelChoice.ts, fuseForFewerDispatches): 1 dispatch instead of 4 separable passes, and the
 * three intermediate planes never leave the workgroup. SwiftShader runs barriers as coroutine switches, where the
 * separable passes are faster (heatKernel.ts), so its row does not use this program.
 * phi is read in place with a channel stride: the first C channels of vHeat's [.., 2C] linear output. The plane's
 * load and store are strided by the channel count (NHWC), so not coalesced; they are 2 of the operator's 6 passes
 * over the plane, the other 4 stay in workgroup memory (a channel-major layout would coalesce them: not measured).
 * Sizes and s are uniforms; the pipeline depends only on the workgroup width and the device's capacity.
 */
export class HeatPlaneProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames = ['planes', 'cosines', 'rates'];
  variableComponents = [1, 1, 1];
  outputComponent = 1;
  uniforms = 'planeH : i32, planeW : i32, channels : i32, srcStride : i32, srcOffset : i32, tableOffsetW : i32, planeCount : i32, decayScale : f32,';
  workgroupSize: [number, number, number];
  size = false;

  constructor(outShape: number[], private readonly capacity: number, private readonly small: boolean, planes: number) {
    this.outputShape = outShape;
    this.workgroupSize = [small ? 64 : 256, 1, 1];
    this.dispatchLayout = { x: [0, 1, 2, 3] };
    this.dispatch = planes <= MAX_WORKGROUPS_PER_DIMENSION ? [planes, 1, 1] : [MAX_WORKGROUPS_PER_DIMENSION, Math.ceil(planes / MAX_WORKGROUPS_PER_DIMENSION), 1];
    this.shaderKey = `heatPlane_${capacity}_${small ? 's' : 'l'}`;
  }

  getUserCode(): string {
    const wg = this.workgroupSize[0];
    const perInvocation = Math.ceil((this.small ? SMALL_PLANE : this.capacity) / wg);
    // One stage: every position p = (row, col) gets sum_k cosines[table(k)] * plane[source(k)], held in vals.
    const stage = (len: string, table: string, source: string, decay = false) => `
    for (var i = 0; i < ${perInvocation}; i++) {
      let p = lid + i * ${wg};
      if (p < hw) {
        let row = p / w;
        let col = p % w;
        var acc = 0.0;
        for (var k = 0; k < ${len}; k++) { acc = fma(cosines[${table}], heatPlane[${source}], acc); }
        ${decay ? 'acc = acc * exp(-uniforms.decayScale * rates[p * c + ch]);' : ''}
        vals[i] = acc;
      }
    }
    workgroupBarrier();`;
    const writeBack = `
    for (var i = 0; i < ${perInvocation}; i++) {
      let p = lid + i * ${wg};
      if (p < hw) { heatPlane[p] = vals[i]; }
    }
    workgroupBarrier();`;
    return `
  var<workgroup> heatPlane : array<f32, ${this.capacity}>;

  fn main(flatIndex : i32) {
    let lid = i32(localIndex);
    let group = i32(workgroupId.x) + i32(workgroupId.y) * ${MAX_WORKGROUPS_PER_DIMENSION};
    let c = uniforms.channels;
    let h = uniforms.planeH;
    let w = uniforms.planeW;
    let hw = h * w;
    // No early return (the barriers need uniform control flow): a workgroup past the last plane only skips its
    // loads and stores.
    let live = group < uniforms.planeCount;
    let ch = group % c;
    let b = group / c;
    let tw = uniforms.tableOffsetW;
    var vals : array<f32, ${perInvocation}>;
    for (var p = lid; live && p < hw; p += ${wg}) {
      heatPlane[p] = planes[(b * hw + p) * uniforms.srcStride + uniforms.srcOffset + ch];
    }
    workgroupBarrier();
    // Forward along H: (row, col) = (frequency n, x).
    ${stage('h', 'row * h + k', 'k * w + col')}${writeBack}
    // Forward along W, then the decay: (row, col) = (n, frequency m).
    ${stage('w', 'tw + col * w + k', 'row * w + k', true)}${writeBack}
    // Inverse along W: (row, col) = (n, x).
    ${stage('w', 'tw + k * w + col', 'row * w + k')}${writeBack}
    // Inverse along H: (row, col) = (y, x), straight to the output.
    ${stage('h', 'k * h + row', 'k * w + col')}
    for (var i = 0; i < ${perInvocation}; i++) {
      let p = lid + i * ${wg};
      if (live && p < hw) { result[(b * hw + p) * c + ch] = vals[i]; }
    }
  }
`;
  }
}

/** Whether the program takes an [B, H, W, *] map on this device (the plane fits its workgroup memory). */
export function heatPlaneFits(device: GPUDevice, h: number, w: number): boolean {
  return h * w <= planeCapacity(device);
}

/**
 * Runs the operator on planes [B, H, W, srcStride] (channels srcOffset .. srcOffset + C - 1), rate [H, W, C], decay
 * scale s. Returns [B, H, W, C].
 */
export function heatPlaneRun(
  backend: WebGPUBackend, planes: TensorInfo, batch: number, h: number, w: number, c: number,
  srcStride: number, srcOffset: number, rate: TensorInfo, scale: number,
): TensorInfo {
  const capacity = planeCapacity(backend.device);
  const dh = dctMatrixF32(h);
  const table = new Float32Array(h * h + w * w);
  table.set(dh);
  table.set(h === w ? dh : dctMatrixF32(w), h * h);
  const cosines = backend.makeTensorInfo([table.length], 'float32', table);
  const flat = (t: TensorInfo): TensorInfo => ({ dataId: t.dataId, shape: [t.shape.reduce((a, d) => a * d, 1)], dtype: 'float32' });
  const program = new HeatPlaneProgram([batch, h, w, c], capacity, h * w <= SMALL_PLANE, batch * c);
  const uniforms = [
    { type: 'int32', data: [h] },
    { type: 'int32', data: [w] },
    { type: 'int32', data: [c] },
    { type: 'int32', data: [srcStride] },
    { type: 'int32', data: [srcOffset] },
    { type: 'int32', data: [h * h] },
    { type: 'int32', data: [batch * c] },
    { type: 'float32', data: [scale] },
  ];
  const out = backend.runWebGPUProgram(program, [flat(planes), cosines, flat(rate)], 'float32', uniforms);
  backend.disposeData(cosines.dataId);
  return out;
}
