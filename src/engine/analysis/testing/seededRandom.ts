// Seeded random numbers for tests: each run draws a fresh seed and prints it, so a failure can be replayed
// by setting ANALYSIS_TEST_SEED (Node) or editing the printed seed in.

export { mulberry32 } from '../../random';

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
