// Seeded random numbers for tests: each run draws a fresh seed and prints it, so a failure can be replayed
// by setting ANALYSIS_TEST_SEED (Node) or editing the printed seed in.

/** mulberry32: a small, fast 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples by Box-Muller. */
export function gaussian(rand: () => number): () => number {
  return () => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
}

/** A fresh seed for this run (printed by the caller with the test name). */
export function freshSeed(label: string): number {
  const fromEnv = typeof process !== 'undefined' ? process.env?.ANALYSIS_TEST_SEED : undefined;
  const seed = fromEnv ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  console.log(`[seed] ${label}: ${seed}`);
  return seed;
}
