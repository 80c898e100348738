import type { TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { InternalError } from '../../errors';
import { flatView, LinearProgram, uniformTable } from '../webgpuProgram';

const EXPLICIT_HEAT_STEP_UNIFORMS = uniformTable({ pixels: 'i32', mapH: 'i32', mapW: 'i32', units: 'i32', scale: 'f32' });

/**
 * HcNet's explicit heat step in one dispatch (the hardware-GPU row, kernelChoice.ts fuseForFewerDispatches):
 *   y = x + sigmoid(logit[b, c]) * s * (mean of x over the in-map 3x3 neighbours of the pixel - x),
 * x [B, H, W, C], logit [B, C] (fc_0 of the spatial mean, before its sigmoid), s the diffusivity scale (a uniform).
 * The neighbour count (3, 5 or 8; official buffer mean_num) is the pixel's own; a 1x1 map has none and does not
 * change (hcnet.ts). One invocation per (pixel, vec4 of channels), C % 4 == 0; no workgroup memory. The unfused
 * path takes about 9 dispatches (pad, average pool, 3 elementwise, sigmoid, 2 products, add).
 */
export class ExplicitHeatStepProgram extends LinearProgram {
  constructor(shape: number[], workItems: number) {
    super({
      outputShape: shape,
      variableNames: ['x', 'logit'],
      variableComponents: [4, 4],
      outputComponent: 4,
      uniforms: EXPLICIT_HEAT_STEP_UNIFORMS.declaration,
      workItems,
      shaderKey: 'explicitHeatStep',
    });
  }

  getUserCode(): string {
    return `
  fn main(index : i32) {
    let n = uniforms.units;
    if (index >= uniforms.pixels * n) { return; }
    let u = index % n;
    let p = index / n;
    let w = uniforms.mapW;
    let hw = uniforms.mapH * w;
    let py = (p % hw) / w;
    let px = p % w;
    var around = vec4<f32>(0.0);
    var count = 0;
    for (var dy = -1; dy <= 1; dy++) {
      let y = py + dy;
      if (y < 0 || y >= uniforms.mapH) { continue; }
      for (var dx = -1; dx <= 1; dx++) {
        let xx = px + dx;
        if ((dy == 0 && dx == 0) || xx < 0 || xx >= w) { continue; }
        around = around + x[(p + dy * w + dx) * n + u];
        count++;
      }
    }
    let centre = x[index];
    var laplacian = vec4<f32>(0.0);
    if (count > 0) { laplacian = around / f32(count) - centre; }
    let alpha = uniforms.scale / (1.0 + exp(-logit[(p / hw) * n + u]));
    result[index] = fma(alpha, laplacian, centre);
  }
`;
  }
}

/** Runs the step on x [B, H, W, C] (C % 4 == 0) with logit [B, C] and scale s. Returns [B, H, W, C]. */
export function explicitHeatStepRun(backend: WebGPUBackend, x: TensorInfo, logit: TensorInfo, scale: number): TensorInfo {
  const [b, h, w, c] = x.shape;
  if (c % 4 !== 0 || logit.shape.reduce((a, d) => a * d, 1) !== b * c) {
    throw new InternalError(`explicitHeatStep: x [${x.shape}] needs C % 4 == 0 and logit of [${b}, ${c}], got [${logit.shape}]`);
  }
  const units = c / 4;
  const program = new ExplicitHeatStepProgram(x.shape, b * h * w * units);
  const uniforms = EXPLICIT_HEAT_STEP_UNIFORMS.values({ pixels: b * h * w, mapH: h, mapW: w, units, scale });
  return backend.runWebGPUProgram(program, [flatView(x), flatView(logit)], 'float32', uniforms);
}
