// The heat tests' name for the shared test-random helper (src/engine/ops/testing/testRandom.ts): freshSeed is
// testSeed, so these tests run with the fixed seed, honour TEST_SEED and print their seed on failure.
export { testSeed as freshSeed, seededRandom, uniformArray } from '../testing/testRandom';
