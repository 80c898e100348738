import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/** Workgroup storage the fused program uses: 16 KiB, the WebGPU default limit every device grants. */
const WORKGROUP_BYTES = 16384;
const WORKGROUP_SIZE = 64;

/** Plane capacity (H*W) of the fused program (two planes in workgroup memory): 2048 f32, 512 vec4. */
export function fusedPlaneCapacity(vec4: boolean): number {
  return WORKGROUP_BYTES / 2 / (vec4 ? 16 : 4);
}

/**
 * The whole heat operator for one (b, channel-group) plane in workgroup memory: DCT along H, DCT along
 * W times the decay, inverse along W, inverse along H, with one dispatch. A workgroup holds the H x W
 * plane of 4 channels (vec4, when C % 4 == 0) or of 1 channel (f32) twice (ping-pong buffers); each of
 * its 64 invocations computes the plane positions lid, lid + 64, ... of a stage, barriers between stages.
 *
 * Sizes and s are uniforms: one pipeline per lane width serves every plane that fits
 * (H*W <= fusedPlaneCapacity).
 */
export class HeatFusedProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames = ['planes', 'cosines', 'rates'];
  variableComponents: number[];
  outputComponent: number;
  uniforms = 'planeH : i32, planeW : i32, channelUnits : i32, tableOffsetW : i32, decayScale : f32,';
  workgroupSize: [number, number, number] = [WORKGROUP_SIZE, 1, 1];
  size = false;
  private readonly vec4: boolean;

  constructor(outShape: number[], vec4: boolean, workgroups: number) {
    this.outputShape = outShape;
    this.vec4 = vec4;
    this.outputComponent = vec4 ? 4 : 1;
    this.variableComponents = [this.outputComponent, 1, this.outputComponent];
    this.dispatchLayout = { x: [0, 1, 2, 3] };
    this.dispatch = [workgroups, 1, 1];
    this.shaderKey = `heatFused_${vec4 ? 'v4' : 's'}`;
  }

  getUserCode(): string {
    const v = this.vec4 ? 'vec4<f32>' : 'f32';
    const half = fusedPlaneCapacity(this.vec4);
    const wg = WORKGROUP_SIZE;
    // One stage: every position p = (row, col) of the plane gets sum_k table[t(k)] * src[s(k)].
    const stage = (src: string, len: string, table: string, plane: string, store: string, decay = false) => `
    for (var p = lid; p < hw; p += ${wg}) {
      let row = p / w;
      let col = p % w;
      var acc = ${v}(0.0);
      for (var k = 0; k < ${len}; k++) {
        acc = fma(${v}(cosines[${table}]), ${src}[${plane}], acc);
      }
      ${decay ? 'acc = acc * exp(-uniforms.decayScale * rates[p * units + cg]);' : ''}
      ${store} = acc;
    }
    workgroupBarrier();`;
    return `
  var<workgroup> heatPing : array<${v}, ${half}>;
  var<workgroup> heatPong : array<${v}, ${half}>;

  fn main(flatIndex : i32) {
    // One workgroup per plane: the position comes from the workgroup and local ids, not flatIndex.
    let lid = i32(localIndex);
    let units = uniforms.channelUnits;
    let group = i32(workgroupId.x);
    let cg = group % units;
    let b = group / units;
    let h = uniforms.planeH;
    let w = uniforms.planeW;
    let tw = uniforms.tableOffsetW;
    let hw = h * w;
    let gBase = b * hw * units + cg;
    for (var p = lid; p < hw; p += ${wg}) {
      heatPing[p] = planes[gBase + p * units];
    }
    workgroupBarrier();
    // Forward along H: (row, col) = (frequency n, x).
    ${stage('heatPing', 'h', 'row * h + k', 'k * w + col', 'heatPong[p]')}
    // Forward along W and decay: (row, col) = (n, frequency m).
    ${stage('heatPong', 'w', 'tw + col * w + k', 'row * w + k', 'heatPing[p]', true)}
    // Inverse along W: (row, col) = (n, x).
    ${stage('heatPing', 'w', 'tw + k * w + col', 'row * w + k', 'heatPong[p]')}
    // Inverse along H: (row, col) = (y, x), straight to the output.
    ${stage('heatPong', 'h', 'k * h + row', 'k * w + col', 'result[gBase + p * units]')}
  }
`;
  }
}

/** Most workgroups one dimension of a dispatch may have (WebGPU default limit). */
const MAX_WORKGROUPS_PER_DIMENSION = 65535;

/** Whether the fused program can run phi [B,H,W,C] (plane fits in workgroup memory, dispatch fits). */
export function fusedFits(shape: readonly number[]): boolean {
  const [b, h, w, c] = shape;
  const vec4 = c % 4 === 0;
  return h * w <= fusedPlaneCapacity(vec4) && b * (vec4 ? c / 4 : c) <= MAX_WORKGROUPS_PER_DIMENSION;
}

/** Runs the fused operator on phi [B,H,W,C]; table = [D_H | D_W], rate flat [H*W*C]. */
export function heatFusedRun(backend: WebGPUBackend, phi: TensorInfo, table: TensorInfo, rate: TensorInfo, scale: number): TensorInfo {
  const [b, h, w, c] = phi.shape;
  if (!fusedFits(phi.shape)) throw new Error(`heatFusedRun: [${phi.shape}] does not fit the fused program`);
  const vec4 = c % 4 === 0;
  const units = vec4 ? c / 4 : c;
  const program = new HeatFusedProgram(phi.shape, vec4, b * units);
  const uniforms = [
    { type: 'int32', data: [h] },
    { type: 'int32', data: [w] },
    { type: 'int32', data: [units] },
    { type: 'int32', data: [h * h] },
    { type: 'float32', data: [scale] },
  ];
  return backend.runWebGPUProgram(program, [phi, table, rate], 'float32', uniforms);
}
