import { describe, expect, it } from 'vitest';
import { COST_OPERATORS, COST_THEORY, type CostCurve } from '../../../engine/analysis/costVsSize';
import { costSeries, exponentVerdict, parseSides, stopVerdict, theoryText } from './costReport';

const curve = (exponent: number, theory: number, stopped: CostCurve['stopped'] = null): CostCurve => ({
  operator: 'global-attention', implementation: 'tfjs matMul', theory: { exponent: theory, law: 'O(N^2)' }, stopped, exponent,
  points: [14, 28].map((side) => ({ side, tokens: side * side, medianMs: side, minMs: side - 1, maxMs: side + 1, samplesMs: [side], peakBytes: 0 })),
});

describe('parseSides', () => {
  it('reads a comma or space separated list, sorted and unique', () => {
    expect(parseSides('28, 14 14')).toEqual([14, 28]);
  });
  it('refuses empty lists, fractions and sides out of range', () => {
    for (const bad of ['', '14,abc', '1.5', '1', '100000']) expect(parseSides(bad)).toBeNull();
  });
});

describe('costSeries', () => {
  it('plots tokens N = side² against the median, one series per curve with points', () => {
    const s = costSeries([curve(2, 2), { ...curve(1, 1), operator: 'heat-fast', points: [] }]);
    expect(s).toHaveLength(1);
    expect(s[0].label).toBe('global self-attention');
    expect(s[0].points.map((p) => [p.pixels, p.sizeLabel, p.medianMs])).toEqual([[196, '14²', 14], [784, '28²', 28]]);
  });
});

describe('verdicts', () => {
  it('says whether the measured exponent follows, undershoots or overshoots the theory', () => {
    expect(exponentVerdict(curve(1.9, 2))).toMatch(/as the theory says/);
    expect(exponentVerdict(curve(1.2, 2))).toMatch(/more slowly/);
    expect(exponentVerdict(curve(2.6, 2))).toMatch(/faster/);
    expect(exponentVerdict(curve(NaN, 2))).toMatch(/too few/);
  });
  it('says where and why a curve stopped', () => {
    expect(stopVerdict(curve(2, 2))).toBeNull();
    expect(stopVerdict(curve(2, 2, { side: 112, reason: 'time', detail: '2.5 s per call' }))).toBe('stopped before side 112: a call took longer than the time cap (2.5 s per call)');
  });
});

describe('theoryText', () => {
  it("says in English exactly what the engine's theory says (the catalogue keeps the engine's words)", () => {
    for (const op of COST_OPERATORS) expect(theoryText(op)).toBe(COST_THEORY[op].law);
  });
});
