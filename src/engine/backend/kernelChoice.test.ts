import { describe, expect, it } from 'vitest';
import type { VHeatConfig } from '../config';
import type { AdapterReport } from './adapter';
import { activeProfile, cpuPathForEveryModel, denseImplFor, forceKernelRow, heatTransformFor, KERNEL_PROFILES, KERNEL_ROW_NAMES, kernelRowNamed, normImplFor, preferredBackend, profileFor, setActiveAdapter } from './kernelChoice';
import { modelGmacs } from './modelCost';

const adapter = (vendor: string, architecture: string, description: string, isFallbackAdapter = false): AdapterReport => ({ vendor, architecture, description, isFallbackAdapter, limits: {} });
// What Dawn (Node) and Chromium report for SwiftShader.
const dawnSwiftShader = adapter('google', 'swiftshader', 'SwiftShader driver 5.0.0', true);
const chromeSwiftShader = adapter('google', 'swiftshader', '', false);
const VHEAT_T: VHeatConfig = { family: 'vheat', dims: [96, 192, 384, 768], depths: [2, 2, 6, 2], postNorm: false, layerScale: false, mlpRatio: 4, numClasses: 1000, trainResolution: 224, inferenceMode: false };
const BUNDLED: VHeatConfig = { family: 'vheat', dims: [32, 64, 128, 256], depths: [1, 1, 3, 1], postNorm: false, layerScale: false, mlpRatio: 4, numClasses: 10, trainResolution: 32, inferenceMode: false };

describe('kernel choice by adapter', () => {
  it('matches rows by what the adapter says; isFallbackAdapter only routes unnamed adapters', () => {
    expect(profileFor(dawnSwiftShader).name).toBe('swiftshader');
    expect(profileFor(chromeSwiftShader).name).toBe('swiftshader');
    expect(profileFor(adapter('mesa', 'llvmpipe', 'llvmpipe (LLVM 15.0.6, 256 bits)')).name).toBe('software-unmeasured');
    expect(profileFor(adapter('acme', 'x', 'y', true)).name).toBe('software-unmeasured');
    expect(profileFor(adapter('nvidia', 'ampere', 'NVIDIA A100')).name).toBe('unmeasured-gpu');
    expect(profileFor(null).name).toBe('unmeasured-gpu');
    expect(KERNEL_PROFILES.at(-1)!.name).toBe('unmeasured-gpu');
  });

  it('model sizes: vHeat-T 224 is ~4.6 GMAC (the paper\'s 4.6 G), the bundled model ~0.006', () => {
    expect(modelGmacs(VHEAT_T, 224, 224)).toBeCloseTo(4.56, 1);
    expect(modelGmacs(BUNDLED, 32, 32)).toBeGreaterThan(0.004);
    expect(modelGmacs(BUNDLED, 32, 32)).toBeLessThan(0.008);
  });

  it('on SwiftShader the bundled model and vHeat-T 224 take the CPU path; on an unmeasured GPU, WebGPU', () => {
    const ss = profileFor(dawnSwiftShader);
    for (const [config, side] of [[BUNDLED, 32], [VHEAT_T, 224], [VHEAT_T, 512]] as const) {
      expect(preferredBackend(ss, modelGmacs(config, side, side))).toBe('cpu');
      expect(preferredBackend(profileFor(adapter('nvidia', 'ampere', '')), modelGmacs(config, side, side))).toBe('webgpu');
    }
    expect(cpuPathForEveryModel(ss)).toBe(true);
    expect(cpuPathForEveryModel(profileFor(adapter('amd', 'rdna3', '')))).toBe(false);
  });

  it('kernel picks follow the row\'s crossovers', () => {
    const ss = profileFor(dawnSwiftShader);
    expect(heatTransformFor(ss, 7)).toBe('matrix');
    expect(heatTransformFor(ss, 1024)).toBe('fast');
    expect(denseImplFor(ss, 3136, 96, 384)).toBe('kernel');
    expect(normImplFor(ss, 3136 * 96)).toBe('kernel');
    const measured = { ...ss, heatFastDctFromSide: 56, denseTfjsAboveMacs: 1e8, normTfjsAboveElements: 1e6 };
    expect(heatTransformFor(measured, 28)).toBe('matrix');
    expect(heatTransformFor(measured, 56)).toBe('fast');
    expect(denseImplFor(measured, 3136, 96, 384)).toBe('tfjs');
    expect(denseImplFor(measured, 49, 768, 768)).toBe('kernel');
    expect(normImplFor(measured, 3136 * 96)).toBe('kernel');
    expect(normImplFor(measured, 12544 * 96)).toBe('tfjs');
  });

  it('a row forced by name wins over the adapter\'s own until released; unknown names are not rows', () => {
    expect(KERNEL_ROW_NAMES).toEqual(['swiftshader', 'software-unmeasured', 'unmeasured-gpu']);
    expect(kernelRowNamed('nope')).toBeNull();
    expect(forceKernelRow('nope')).toBeNull();
    try {
      expect(forceKernelRow('unmeasured-gpu')!.name).toBe('unmeasured-gpu');
      expect(setActiveAdapter(dawnSwiftShader).name).toBe('unmeasured-gpu');
      expect(activeProfile().fuseForFewerDispatches).toBe(true);
    } finally {
      forceKernelRow(null);
    }
    expect(setActiveAdapter(dawnSwiftShader).name).toBe('swiftshader');
    expect(activeProfile().fuseForFewerDispatches).toBe(false);
    setActiveAdapter(null);
  });

  it('the hardware-GPU row: fused kernels, the fast DCT from 64 (reasoned), WebGPU for every model', () => {
    const gpu = kernelRowNamed('unmeasured-gpu')!;
    expect(gpu.fuseForFewerDispatches).toBe(true);
    expect(heatTransformFor(gpu, 56)).toBe('matrix');
    expect(heatTransformFor(gpu, 64)).toBe('fast');
    expect(preferredBackend(gpu, 0.006)).toBe('webgpu');
  });
});
