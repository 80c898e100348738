import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { defineKernel } from '../defineKernel';
import { flatView, LinearProgram, uniformTable } from '../webgpuProgram';

const GELU_UNIFORMS = uniformTable({ units: 'i32' });

/**
 * Exact GELU, 0.5 u (1 + erf(u / sqrt 2)), elementwise in one dispatch (vec4 lanes when the size allows), with erf by
 * Abramowitz & Stegun 7.1.26 (|error| <= 1.5e-7), as the dense program's fused GELU. tfjs's composite takes 5
 * dispatches (mul, mul, erf, add, mul); the hardware-GPU row (kernelChoice.ts fuseForFewerDispatches) uses this for
 * the stem's GELU, the one GELU not after a linear map.
 */
export class GeluProgram extends LinearProgram {
  constructor(length: number, private readonly vec4: boolean) {
    const lanes = vec4 ? 4 : 1;
    super({
      outputShape: [length],
      variableNames: ['x'],
      variableComponents: [lanes],
      outputComponent: lanes,
      uniforms: GELU_UNIFORMS.declaration,
      workItems: vec4 ? length / 4 : length,
      shaderKey: `gelu_${vec4 ? 'v4' : 's'}`,
    });
  }

  getUserCode(): string {
    const v = this.vec4 ? 'vec4<f32>' : 'f32';
    return `
  fn main(index : i32) {
    if (index >= uniforms.units) { return; }
    let u = x[index];
    let z = u * 0.7071067811865476;
    let a = abs(z);
    let t = 1.0 / (1.0 + 0.3275911 * a);
    let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    let erfz = sign(z) * (1.0 - poly * exp(-a * a));
    result[index] = ${v}(0.5) * u * (${v}(1.0) + erfz);
  }
`;
  }
}

function geluProgramRun(backend: WebGPUBackend, x: TensorInfo): TensorInfo {
  const length = x.shape.reduce((a, d) => a * d, 1);
  const vec4 = length % 4 === 0;
  const program = new GeluProgram(length, vec4);
  const out = backend.runWebGPUProgram(program, [flatView(x)], 'float32', GELU_UNIFORMS.values({ units: vec4 ? length / 4 : length }));
  return { dataId: out.dataId, shape: x.shape, dtype: 'float32' };
}

/** The elementwise GELU on 'webgpu' (inference only: no gradient; callers check the tape is off). */
export const geluWgslKernel = defineKernel<'x'>({
  name: 'GeluElementwise',
  inputNames: ['x'],
  webgpu: (backend, { x }) => geluProgramRun(backend, x),
});
