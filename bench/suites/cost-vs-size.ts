// Cost against map size of the token mixers (src/engine/analysis/costVsSize.ts, the function the page's worker runs):
// the heat operator's WGSL matrix passes (O(N^1.5) in tokens N) and fast DCT (O(N log N)), global self-attention
// (O(N^2)), 7x7 window attention and a 7x7 depthwise conv (O(N)), C = 96 (vHeat-T's stage-0 width, 3 heads of 32),
// batch 1, on WebGPU. One row per operator and side (params.pixels = tokens N, for the log-log plot); each row also
// carries its curve's fitted exponent, the theory's, and where and why the curve stopped.
// Options: sides=14,28,56,112,128 (default), runs=5, warmup=1 (untimed: compiles the programs), capMs=5000 (a curve
// stops after the first side whose median call takes longer; the page's default is 2000), memMB=1024 (a curve stops
// before a side whose largest intermediate would be bigger).
import { COST_DEFAULTS, measureCostVsSize, type CostCurve } from '../../src/engine/analysis/costVsSize';
import type { BenchContext, BenchRow } from '../../src/benchmark/types';

/** SwiftShader (a CPU) takes seconds per call from side 112 on: a larger cap than the page's keeps more points. */
const SUITE_TIME_CAP_MS = 5000;

function numberList(text: string | undefined, fallback: readonly number[]): number[] {
  return text ? text.split(',').map(Number) : [...fallback];
}

function stopText(c: CostCurve): string {
  return c.stopped ? `from side ${c.stopped.side}: ${c.stopped.reason} (${c.stopped.detail})` : 'none';
}

function curveRows(c: CostCurve, channels: number, heads: number, warmup: number): BenchRow[] {
  return c.points.map((p) => ({
    name: `${c.operator} side=${p.side}`,
    params: {
      impl: c.operator, implementation: c.implementation, side: p.side, pixels: p.tokens, tokens: p.tokens, c: channels, heads,
      peakMB: Number((p.peakBytes / 2 ** 20).toFixed(2)), fittedExponent: Number(c.exponent.toFixed(2)),
      theoryExponent: c.theory.exponent, theory: c.theory.law, stopped: stopText(c),
    },
    runs: p.samplesMs.length, warmup, medianMs: p.medianMs, minMs: p.minMs, maxMs: p.maxMs,
    spread: (p.maxMs - p.minMs) / p.medianMs, samplesMs: p.samplesMs,
  }));
}

export default async function costVsSize(ctx: BenchContext): Promise<BenchRow[]> {
  await ctx.useBackend('webgpu');
  const o = ctx.options;
  const warmup = o.warmup ? Number(o.warmup) : COST_DEFAULTS.warmup;
  const r = await measureCostVsSize({
    sides: numberList(o.sides, COST_DEFAULTS.sides),
    runs: o.runs ? Number(o.runs) : COST_DEFAULTS.runs,
    warmup,
    timeCapMs: o.capMs ? Number(o.capMs) : SUITE_TIME_CAP_MS,
    memoryCapBytes: o.memMB ? Number(o.memMB) * 2 ** 20 : COST_DEFAULTS.memoryCapBytes,
    onProgress: (p) => ctx.log(`${p.done}/${p.total}: ${p.operator} side ${p.side}`),
  });
  for (const c of r.curves) {
    const k = Number.isFinite(c.exponent) ? c.exponent.toFixed(2) : 'n/a';
    ctx.log(`${c.operator} (${c.implementation || 'not run'}): fitted exponent ${k} (theory ${c.theory.law}); stopped: ${stopText(c)}`);
  }
  return r.curves.flatMap((c) => curveRows(c, r.channels, r.heads, warmup));
}
