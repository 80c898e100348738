/** Seeded uniform generator in [0, 1) (mulberry32), for the heat-operator tests and benchmarks. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
