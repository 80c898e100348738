import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resample8, resampleCoefficients, type ResampleFilter } from './resample';

interface Case {
  width: number; height: number; channels: number; outWidth: number; outHeight: number;
  filter: ResampleFilter; input: number[]; expected: number[];
}
// Produced by Pillow (fixtures/images/make_preprocess_reference.py).
const ref = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/images/preprocess_reference.json'), 'utf8')) as {
  generator: string; cases: Case[];
};

describe(`resample8 against ${ref.generator}`, () => {
  it.each(ref.cases.map((c) => [`${c.width}x${c.height}x${c.channels} -> ${c.outWidth}x${c.outHeight} ${c.filter}`, c] as const))(
    '%s matches exactly',
    (_name, c) => {
      const out = resample8(Uint8Array.from(c.input), c.width, c.height, c.channels, c.outWidth, c.outHeight, c.filter);
      // Same integer arithmetic as Pillow: no tolerance.
      expect(Array.from(out)).toEqual(c.expected);
    },
  );
});

describe('resampleCoefficients', () => {
  it('hand-computed 4 -> 2 bicubic: taps at distances 0.25 and 0.75 inside, 1.25 outside, normalised', () => {
    // Output pixel 0 is centred at input 1.0 (scale 2); antialias widens the kernel by 2, so the
    // taps x = 0..3 sit at (x + 0.5 - 1) / 2 = -0.25, 0.25, 0.75, 1.25 in filter units.
    // Cubic a = -0.5: f(0.25) = 1.5*0.25^3 - 2.5*0.25^2 + 1 = 0.8671875; f(0.75) = 0.2265625;
    // f(1.25) = -0.5*(1.25^3 - 5*1.25^2 + 8*1.25 - 4) = -0.0703125. Sum = 1.890625.
    const c = resampleCoefficients(4, 2, 'bicubic');
    const one = 1 << 22;
    const w = [0.8671875, 0.8671875, 0.2265625, -0.0703125].map((v) => v / 1.890625);
    expect(c.start[0]).toBe(0);
    expect(c.count[0]).toBe(4);
    const got = Array.from(c.weights.subarray(0, 4)).map((v) => v / one);
    for (let i = 0; i < 4; i++) expect(got[i]).toBeCloseTo(w[i], 6); // fixed point: 2^-22 resolution
  });

  it('weights of every output pixel sum to one (within fixed-point rounding)', () => {
    for (const [n, m] of [[640, 256], [256, 640], [37, 11], [5, 5]]) {
      const c = resampleCoefficients(n, m, 'bicubic');
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let t = 0; t < c.count[i]; t++) s += c.weights[i * c.ksize + t];
        // Each weight is rounded to 2^-22 separately: at most ksize half-units off.
        expect(Math.abs(s - (1 << 22))).toBeLessThanOrEqual(c.ksize);
      }
    }
  });

  it('a constant image stays constant (random size and value, seed printed)', () => {
    const seed = Date.now() % 100000;
    console.log('resample constant-image seed', seed);
    let st = seed;
    const rnd = () => ((st = (st * 1103515245 + 12345) % 2147483648) / 2147483648);
    const w = 2 + Math.floor(rnd() * 60), h = 2 + Math.floor(rnd() * 60);
    const ow = 1 + Math.floor(rnd() * 80), oh = 1 + Math.floor(rnd() * 80);
    const v = Math.floor(rnd() * 256);
    const out = resample8(new Uint8Array(w * h * 3).fill(v), w, h, 3, ow, oh, 'bicubic');
    expect(out.length).toBe(ow * oh * 3);
    expect(new Set(out)).toEqual(new Set([v]));
  });
});
