// The heat kernel's attributes (the time scale and how the WGSL path transforms), in a file of their own so that
// the kernel and its CPU pass both read them without importing each other.
import type { NamedAttrMap } from '@tensorflow/tfjs';

/**
 * 'auto': per axis by the kernel-choice row; 'matrix': the cosine-matrix passes; 'fast': the fast DCT wherever a
 * program takes the side (its FFT where the row says, heatKernel.ts axisTransform); 'fast-workgroup': the fast DCT
 * with its FFT in workgroup memory wherever the line fits (heatFftWorkgroupProgram.ts), else as 'fast'.
 */
export type HeatWgslStrategy = 'auto' | 'matrix' | 'fast' | 'fast-workgroup';

export interface HeatKernelAttrs extends NamedAttrMap {
  scale: number;
  strategy: HeatWgslStrategy;
}
