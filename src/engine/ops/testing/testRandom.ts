// Seeded random numbers for every test, Node and browser alike.
//  - `npm test` runs with DEFAULT_TEST_SEED, so two runs draw the same numbers and give the same result.
//  - TEST_SEED=<n> replays a seed (vitest.config.ts hands it to both projects through `provide`).
//  - `npm run test:fuzz` (tools/testing/fuzz.mjs) reruns the numeric tests over many random TEST_SEEDs.
// A failing test prints its seed and the command that replays it.
import { beforeEach, expect, inject, onTestFailed } from 'vitest';
import { mulberry32 } from '../../random';

/** The seed of `npm test` when TEST_SEED is not set. Any fixed value would do. */
export const DEFAULT_TEST_SEED = 20261201;

declare module 'vitest' {
  export interface ProvidedContext {
    /** process.env.TEST_SEED of the vitest process, '' when unset (vitest.config.ts). */
    testSeed: string;
  }
}

/** The seed of this run: TEST_SEED when set, else DEFAULT_TEST_SEED. Throws on a TEST_SEED that is not a uint32. */
export function configuredTestSeed(): number {
  const text = inject('testSeed')?.trim() ?? '';
  if (text === '') return DEFAULT_TEST_SEED;
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`TEST_SEED must be an integer in [0, 2^32), got '${text}'`);
  }
  return seed;
}

function replayLine(seed: number, label: string | undefined, testName: string): string {
  return `[seed] ${label ? `${label}: ` : ''}'${testName}' failed with seed ${seed}; replay with TEST_SEED=${seed}`;
}

/**
 * The seed for a test's random data. Called at a file's top level it covers every test in the file; called
 * inside a test it covers that test. Either way a failure prints the seed and how to replay it.
 */
export function testSeed(label?: string): number {
  const seed = configuredTestSeed();
  if (expect.getState().currentTestName === undefined) {
    beforeEach((context) => context.onTestFailed(() => console.error(replayLine(seed, label, context.task.name))));
  } else {
    onTestFailed((context) => console.error(replayLine(seed, label, context.task.name)));
  }
  return seed;
}

/** Seeded uniform generator in [0, 1) (mulberry32, the engine's one PRNG). */
export const seededRandom: (seed: number) => () => number = mulberry32;

/** n uniform values in [lo, hi). */
export function uniformArray(rand: () => number, n: number, lo: number, hi: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + rand() * (hi - lo);
  return out;
}

/** Standard normal samples by Box-Muller. */
export function gaussian(rand: () => number): () => number {
  return () => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
}
