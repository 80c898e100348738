import { describe, expect, it } from 'vitest';
import { barPlotSvg } from './barPlot';
import { fitExponent } from './fit';
import { logDomain, logTicks, paddedLogDomain } from './logAxis';
import { plotsForResults, scalingSeries, type BenchResultFile } from './resultPlots';
import { scalingPlotSvg } from './scalingPlot';
import { formatTick } from './svg';

function row(runtime: string, side: number, ms: number) {
  return {
    name: `vHeat-T ${side} ${runtime}`, params: { model: 'vHeat-T', runtime, side, pixels: side * side },
    runs: 3, warmup: 1, medianMs: ms, minMs: ms * 0.9, maxMs: ms * 1.2, spread: 0.3, samplesMs: [ms * 0.9, ms, ms * 1.2],
  };
}

describe('log axes', () => {
  it('rounds the domain out to 1-2-5 values and puts ticks with numbers on it', () => {
    expect(logDomain(7.4, 85.6)).toEqual([5, 100]);
    expect(logDomain(300, 300)).toEqual([200, 500]);
    const ticks = logTicks(5, 100).map((t) => t.value);
    expect(ticks).toEqual([5, 10, 20, 50, 100]);
    expect(logTicks(1, 1e6).map((t) => t.value)).toEqual([1, 10, 100, 1000, 1e4, 1e5, 1e6]);
    // Under a decade (e.g. sides 32 and 64): every multiple, so the axis still has numbers to read.
    expect(logTicks(900, 4500).map((t) => t.value)).toEqual([900, 1000, 2000, 3000, 4000]);
    expect(formatTick(20000)).toBe('20k');
    expect(formatTick(0.5)).toBe('0.5');
    const [lo, hi] = paddedLogDomain(1000, 4000);
    expect(lo).toBeLessThan(1000);
    expect(hi).toBeGreaterThan(4000);
  });
});

describe('fitExponent', () => {
  it('recovers the exponent of a power law', () => {
    const x = [1024, 4096, 50176, 589824];
    expect(fitExponent(x, x.map((v) => 3 * v ** 1.25))).toBeCloseTo(1.25, 10);
    expect(fitExponent([10], [5])).toBeNaN();
  });
});

describe('plots', () => {
  const device: BenchResultFile = {
    suite: 'device', date: '2026-12-01T10:00:00.000Z', command: 'playground', options: {}, error: null, userAgent: 'test',
    adapter: { vendor: 'acme', architecture: 'gen9', description: 'Acme <GPU>', device: '', isFallbackAdapter: false },
    rows: [row('webgpu-wgsl', 224, 20), row('webgpu-wgsl', 384, 60), row('wasm', 224, 500), row('wasm', 384, 1600)],
  };

  it('draws one line per runtime with its fitted exponent in the legend, escaped text, role=img', () => {
    const series = scalingSeries(device.rows);
    expect(series.map((s) => s.label)).toEqual(['WebGPU, WGSL operator', 'CPU (tfjs-wasm)']);
    const [plot] = plotsForResults(device, 'device', 400);
    expect(plot.svg.match(/<polyline /g)).toHaveLength(2);
    const k = fitExponent([224 * 224, 384 * 384], [20, 60]).toFixed(2);
    expect(plot.svg).toContain(`WebGPU, WGSL operator: time ∝ pixels^${k}`);
    expect(plot.svg).toContain('role="img"');
    expect(plot.svg).toContain('Acme &lt;GPU&gt;');
    expect(plot.svg).not.toContain('Acme <GPU>');
    expect(plot.svg).toContain('>224²<');
  });

  it('refuses empty input and draws bars with their values', () => {
    expect(() => scalingPlotSvg({ title: 't', series: [], width: 400 })).toThrow(/no points/);
    const svg = barPlotSvg({ title: 'b', width: 400, groups: [{ bars: [{ label: 'a', medianMs: 1234.4, minMs: 1000, maxMs: 1500, runs: 3 }] }] });
    expect(svg).toContain('>1234 ms<');
    expect(svg.match(/<rect /g)).toHaveLength(2); // background and the bar
  });
});
