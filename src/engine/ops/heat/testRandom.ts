import { mulberry32 } from '../../random';

/** Seeded uniform generator in [0, 1), for the heat-operator tests and benchmarks. */
export const seededRandom: (seed: number) => () => number = mulberry32;

/** A fresh seed for each run (tests print it so a failure can be replayed). */
export function freshSeed(): number {
  return (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) >>> 0;
}

/** n uniform values in [lo, hi). */
export function uniformArray(rand: () => number, n: number, lo: number, hi: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + rand() * (hi - lo);
  return out;
}
