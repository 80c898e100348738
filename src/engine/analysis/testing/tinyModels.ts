// Configurations of tiny random-weight models for GPU tests (SwiftShader runs WGSL on the CPU): a 32x32 input
// gives stage maps 8, 4, 2, 1.
import type { HcNetConfig, VHeatConfig } from '../../config';

const SHARED = { dims: [8, 16, 16, 16], mlpRatio: 2, numClasses: 5, trainResolution: 32 };

export function tinyVHeatConfig(depths: number[]): VHeatConfig {
  return { family: 'vheat', ...SHARED, depths, postNorm: false, layerScale: false, inferenceMode: false };
}

export function tinyHcNetConfig(depths: number[]): HcNetConfig {
  return { family: 'hcnet', ...SHARED, depths };
}
