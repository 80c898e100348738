// The heat kernel's attributes (the time scale and how the WGSL path transforms), in a file of their own so that
// the kernel and its CPU pass both read them without importing each other.
import type { NamedAttrMap } from '@tensorflow/tfjs';

export type HeatWgslStrategy = 'auto' | 'matrix' | 'fast';

export interface HeatKernelAttrs extends NamedAttrMap {
  scale: number;
  strategy: HeatWgslStrategy;
}
