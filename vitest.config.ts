import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
// @ts-expect-error plain JS helper shared with playwright.config.ts and bench/
import { findChromium, chromiumArgs } from './tools/browser/chromium.mjs';

// TEST_SEED reaches the tests of both projects through `provide` (src/engine/ops/testing/testRandom.ts); unset,
// the tests use their fixed default seed.
const provide = { testSeed: process.env.TEST_SEED ?? '' };

// Two projects:
//  - unit: plain Node (parsers, references, CLI), files *.test.ts
//  - gpu:  inside headless Chromium with real WebGPU (SwiftShader on CI), files *.browser.test.ts
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'tools/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
          testTimeout: 120_000,
          provide,
        },
      },
      {
        // Cross-origin isolated like the playground (vite.config.ts): tfjs-wasm runs its threaded build here too.
        server: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
        test: {
          name: 'gpu',
          include: ['src/**/*.browser.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          provide,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: findChromium(), args: chromiumArgs() },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
