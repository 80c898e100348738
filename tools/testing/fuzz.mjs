#!/usr/bin/env node
// npm run test:fuzz: the numeric tests over many random seeds. `npm test` runs one fixed seed (DEFAULT_TEST_SEED in
// src/engine/ops/testing/testRandom.ts); this reruns vitest once per seed with TEST_SEED set and lists the seeds
// that failed, each replayable with TEST_SEED=<seed> npm run test:unit (or test:gpu).
//
//   npm run test:fuzz                       # 50 seeds, Node and browser numeric kernel tests
//   FUZZ_SEEDS=200 npm run test:fuzz        # more seeds
//   npm run test:fuzz -- --project unit src/engine/analysis   # other projects / files (vitest filters)
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const DEFAULT_SEED_COUNT = 50;
// The numeric kernels: every op and its references, the wasm kernels borrowed from the cpu backend, the analyses.
const DEFAULT_ARGS = ['--project', 'unit', '--project', 'gpu', 'src/engine/ops', 'src/engine/backend/wasmBorrowedKernels', 'src/engine/analysis'];

const seedCount = Number(process.env.FUZZ_SEEDS ?? DEFAULT_SEED_COUNT);
if (!Number.isInteger(seedCount) || seedCount < 1) throw new Error(`FUZZ_SEEDS must be a positive integer, got '${process.env.FUZZ_SEEDS}'`);
const vitestArgs = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_ARGS;

const failedSeeds = [];
for (let run = 1; run <= seedCount; run++) {
  const seed = randomInt(0, 2 ** 32);
  console.log(`\n[fuzz] run ${run}/${seedCount}: TEST_SEED=${seed}`);
  const result = spawnSync('npx', ['vitest', 'run', ...vitestArgs], {
    stdio: 'inherit',
    env: { ...process.env, TEST_SEED: String(seed) },
  });
  if (result.status !== 0) failedSeeds.push(seed);
}

console.log(`\n[fuzz] ${seedCount - failedSeeds.length}/${seedCount} seeds passed`);
if (failedSeeds.length > 0) {
  console.log(`[fuzz] failed seeds (replay with TEST_SEED=<seed>): ${failedSeeds.join(' ')}`);
  process.exit(1);
}
