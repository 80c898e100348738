// The cost-against-size measurement on the tfjs CPU backend with tiny maps: every curve, where and why each stops,
// cancel, progress and no leaked tensors. (Figures come from the bench suite, bench/suites/cost-vs-size.ts.)
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnalysisInputError } from './errors';
import { COST_OPERATORS, largestIntermediateBytes, measureCostVsSize, type CostProgress } from './costVsSize';

const SMALL = { sides: [7, 14], channels: 8, heads: 2, window: 7, runs: 2, warmup: 0 };

describe('measureCostVsSize', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('measures every operator at every side, with progress, and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const progress: CostProgress[] = [];
    const r = await measureCostVsSize({ ...SMALL, onProgress: (p) => progress.push(p) });
    expect(tf.memory().numTensors).toBe(before);
    expect(r).toMatchObject({ backend: 'cpu', channels: 8, heads: 2, window: 7, cancelled: false });
    expect(r.curves.map((c) => c.operator)).toEqual(COST_OPERATORS);
    expect(progress.map((p) => p.done)).toEqual([...Array(10).keys()].map((i) => i + 1));
    expect(progress.every((p) => p.total === 10)).toBe(true);
    for (const c of r.curves) {
      if (c.operator === 'heat-fast') {
        // the fast DCT is a WebGPU kernel only
        expect(c.points).toEqual([]);
        expect(c.stopped).toMatchObject({ side: 7, reason: 'unavailable' });
        continue;
      }
      expect(c.stopped, c.operator).toBeNull();
      expect(c.points.map((p) => [p.side, p.tokens, p.samplesMs.length])).toEqual([[7, 49, 2], [14, 196, 2]]);
      for (const p of c.points) {
        expect(p.medianMs).toBeGreaterThan(0);
        expect(p.minMs).toBeLessThanOrEqual(p.medianMs);
        expect(p.peakBytes, `${c.operator} side ${p.side}: at least the output`).toBeGreaterThanOrEqual(p.tokens * 8 * 4);
      }
      expect(Number.isFinite(c.exponent)).toBe(true);
    }
    // global attention holds heads * N^2 scores: at 196 tokens that is the largest intermediate of all
    const global = r.curves.find((c) => c.operator === 'global-attention')!;
    expect(global.points[1].peakBytes).toBeGreaterThanOrEqual(2 * 196 * 196 * 4);
  });

  it('stops a curve after the first side over the time cap and says so', async () => {
    const r = await measureCostVsSize({ ...SMALL, operators: ['depthwise-conv'], timeCapMs: 1e-9 });
    const [c] = r.curves;
    expect(c.points.map((p) => p.side)).toEqual([7]);
    expect(c.points[0].samplesMs).toHaveLength(1); // the runs stop once they took two caps in total
    expect(c.stopped).toMatchObject({ side: 14, reason: 'time' });
    expect(c.stopped!.detail).toMatch(/a call at side 7 took .* ms \(median\), over the 1e-9 ms cap/);
    expect(Number.isNaN(c.exponent)).toBe(true);
  });

  it('stops a curve before a side whose largest intermediate is over the memory cap', async () => {
    // a cap that holds window attention's scores at 14 (heads * N * 49) but not global attention's (heads * N^2)
    const cap = largestIntermediateBytes('window-attention', 14, SMALL) + 1;
    expect(largestIntermediateBytes('global-attention', 14, SMALL)).toBeGreaterThan(cap);
    const r = await measureCostVsSize({ ...SMALL, operators: ['global-attention', 'window-attention'], memoryCapBytes: cap });
    expect(r.curves[0].points.map((p) => p.side)).toEqual([7]);
    expect(r.curves[0].stopped).toMatchObject({ side: 14, reason: 'memory' });
    expect(r.curves[1].points.map((p) => p.side)).toEqual([7, 14]);
  });

  it('pads sides that are not a multiple of the window', async () => {
    const r = await measureCostVsSize({ ...SMALL, sides: [10], operators: ['window-attention'] });
    expect(r.curves[0].points.map((p) => p.side)).toEqual([10]);
    expect(r.curves[0].stopped).toBeNull();
  });

  it('cancels between calls, returning what it has', async () => {
    const signal = { aborted: false };
    const r = await measureCostVsSize({ ...SMALL, signal, onProgress: (p) => (signal.aborted = p.done >= 1) });
    expect(r.cancelled).toBe(true);
    expect(r.curves).toHaveLength(1);
    expect(r.curves[0].points.map((p) => p.side)).toEqual([7]);
  });

  it('refuses settings before any work', async () => {
    await expect(measureCostVsSize({ sides: [2000] })).rejects.toThrow(AnalysisInputError);
    await expect(measureCostVsSize({ channels: 96, heads: 5 })).rejects.toThrow(/heads must divide/);
    await expect(measureCostVsSize({ runs: 0 })).rejects.toThrow(AnalysisInputError);
    await expect(measureCostVsSize({ operators: ['fft' as never] })).rejects.toThrow(/operators must be among/);
  });
});
