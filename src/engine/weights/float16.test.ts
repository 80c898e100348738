import { describe, expect, it } from 'vitest';
import { floatToHalf, floatsToHalves, halfToFloat, halfToFloatTable } from './float16';

describe('float16', () => {
  it('every half value survives half -> float -> half (NaNs stay NaN)', () => {
    const table = halfToFloatTable();
    const all = new Float32Array(65536);
    const wrong: number[] = [];
    for (let h = 0; h < 65536; h++) {
      all[h] = halfToFloat(h);
      if (!Object.is(table[h], Math.fround(all[h])) && !Number.isNaN(all[h])) wrong.push(h);
    }
    const back = floatsToHalves(all);
    for (let h = 0; h < 65536; h++) {
      const ok = Number.isNaN(all[h]) ? Number.isNaN(halfToFloat(back[h])) : back[h] === h;
      if (!ok) wrong.push(h);
    }
    expect(wrong).toEqual([]);
  });

  it('rounds to nearest, ties to even, overflows to infinity, underflows to signed zero', () => {
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie between 1 and 1+2^-10: even (1)
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie: even (1+2^-9)
    expect(floatToHalf(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01); // just above the tie
    expect(floatToHalf(65520)).toBe(0x7c00);
    expect(floatToHalf(-1e-9)).toBe(0x8000);
    expect(floatToHalf(2 ** -24)).toBe(0x0001);
  });
});
