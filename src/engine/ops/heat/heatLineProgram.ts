import { LinearProgram, type UniformType } from '../webgpuProgram';
import type { SeparablePass } from './separablePass';

/**
 * What the heat operator's line programs share (the separable matrix pass and the fast DCT pass): inputs
 * (lines, a table, rates), tensors of the operator's [B,H,W,C] shape on every pass (so tfjs's shader key, which
 * looks at shapes, never changes), one invocation per (outer, inner) line of `component` channels, 64 per
 * workgroup. Subclasses give the table's name, the uniforms, the shader key's prefix and the WGSL.
 */
export abstract class HeatLineProgram extends LinearProgram {
  protected readonly vec4: boolean;

  /**
   * vec4: 4 channels per invocation (inner % 4 == 0); workItems: the invocations of one pass; table: the name of the
   * program's table input; uniforms: its uniforms' declaration; keyPrefix: its shader key's prefix.
   */
  constructor(outShape: number[], vec4: boolean, workItems: number, table: string, uniforms: string, keyPrefix: string) {
    const lanes = vec4 ? 4 : 1;
    super({
      outputShape: outShape,
      variableNames: ['lines', table, 'rates'],
      variableComponents: [lanes, 1, lanes],
      outputComponent: lanes,
      uniforms,
      workItems,
      shaderKey: `${keyPrefix}_${vec4 ? 'v4' : 's'}`,
    });
    this.vec4 = vec4;
  }
}

/**
 * The uniforms both line programs have, split where each program puts its own between them (the WGSL struct
 * follows the table's order): the line's sizes first, then the direction, the decay switch and its factors.
 */
export const LINE_SIZE_UNIFORMS = { lineLen: 'i32', innerLen: 'i32', outerLen: 'i32' } as const satisfies Record<string, UniformType>;
export const LINE_DECAY_UNIFORMS = { inverseDir: 'i32', applyDecay: 'i32', rateRows: 'i32', decayScale: 'f32' } as const satisfies Record<string, UniformType>;

/** The values of LINE_SIZE_UNIFORMS and LINE_DECAY_UNIFORMS for one pass with `innerUnits` invocations per line. */
export function lineUniformValues(pass: SeparablePass, innerUnits: number): Record<keyof typeof LINE_SIZE_UNIFORMS | keyof typeof LINE_DECAY_UNIFORMS, number> {
  const [outer, n] = pass.lineShape;
  return {
    lineLen: n,
    innerLen: innerUnits,
    outerLen: outer,
    inverseDir: pass.inverse ? 1 : 0,
    applyDecay: pass.decay ? 1 : 0,
    rateRows: pass.rateRows,
    decayScale: pass.scale,
  };
}
