import { defineConfig } from '@playwright/test';
// @ts-expect-error plain JS helper shared with vitest.config.ts and bench/
import { findChromium, chromiumArgs } from './tools/browser/chromium.mjs';
import { OFFICIAL_E2E_ENV } from './e2e/officialRelease';

const port = Number(process.env.E2E_PORT ?? 5199);
// The production build (`npm run build`, served by `vite preview`), for e2e/production.spec.ts.
const previewPort = Number(process.env.E2E_PREVIEW_PORT ?? 5198);

export default defineConfig({
  testDir: 'e2e',
  timeout: 300_000,
  expect: { timeout: 120_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: findChromium(), args: chromiumArgs() },
  },
  webServer: [
    {
      command: `npx vite --host 127.0.0.1 --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}`,
      env: OFFICIAL_E2E_ENV,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      command: `npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --port ${previewPort} --strictPort`,
      url: `http://127.0.0.1:${previewPort}`,
      env: OFFICIAL_E2E_ENV,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
});
