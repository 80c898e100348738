import { describe, expect, it } from 'vitest';
import type { VHeatConfig } from '../../../engine/config';
import { hcnetBlockFlow, networkLayout, vheatBlockFlow } from './networkLayout';

const bundled: VHeatConfig = {
  family: 'vheat', dims: [32, 64, 128, 256], depths: [1, 1, 3, 1], postNorm: false, layerScale: false, mlpRatio: 4,
  numClasses: 10, trainResolution: 64, inferenceMode: false,
};

describe('networkLayout', () => {
  it('gives the bundled vHeat its stage maps 16, 8, 4, 2 at 64 px and 6 blocks', () => {
    const n = networkLayout(bundled, 64);
    expect(n.stages.map((s) => s.side)).toEqual([16, 8, 4, 2]);
    expect(n.stages.map((s) => s.nextSide)).toEqual([8, 4, 2, null]);
    expect(n.stages.map((s) => s.blocks)).toEqual([1, 1, 3, 1]);
    expect(n.totalBlocks).toBe(6);
    expect(n.classes).toBe(10);
  });

  it('rounds odd sides up as a stride-2 pad-1 conv does (vHeat-T at 224: 56, 28, 14, 7)', () => {
    const t: VHeatConfig = { ...bundled, dims: [96, 192, 384, 768], depths: [2, 2, 6, 2], numClasses: 1000 };
    expect(networkLayout(t, 224).stages.map((s) => s.side)).toEqual([56, 28, 14, 7]);
    expect(networkLayout(t, 100).stages.map((s) => s.side)).toEqual([25, 13, 7, 4]);
  });
});

describe('block flows', () => {
  it('vHeat: the heat operator is DCT, decay, IDCT between the linear split and the gate', () => {
    const f = vheatBlockFlow(32, false);
    expect(f.filter((s) => s.heat).map((s) => s.key)).toEqual(['dct', 'decay', 'idct']);
    expect(f[0].key).toBe('norm1');
    expect(f.find((s) => s.key === 'linear')?.label).toBe('Linear 32→64');
    expect(vheatBlockFlow(32, true)[0].key).toBe('dwconv');
  });

  it('HcNet: one explicit step, x + alpha times the Laplacian', () => {
    const f = hcnetBlockFlow(64);
    expect(f.filter((s) => s.heat).map((s) => s.key)).toEqual(['laplace', 'alpha', 'add1']);
    expect(f.find((s) => s.key === 'mlp')?.label).toBe('MLP 64→256→64');
  });
});
