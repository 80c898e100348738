// Offline: the production build's service worker (tools/vite/serviceWorker.ts) keeps the app, the engine's wasm
// binaries and the bundled models, so a second visit classifies with the network off. The build is served here by a
// preview server of this test's own, which it stops before the second visit: Playwright's context.setOffline does not
// reach a service worker's own requests, so only a server that is gone proves that nothing came from the network.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { dropFixture, waitForFreshTop5, waitForResultsOf } from './helpers';

const port = Number(process.env.E2E_PORT ?? 5199) + 3;
const url = `http://127.0.0.1:${port}/`;

async function startPreview(): Promise<ChildProcess> {
  // dist/ is the build the production webServer of playwright.config.ts made before the tests.
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { detached: true, stdio: 'ignore' });
  await expect.poll(async () => fetch(url).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);
  return server;
}

async function stopPreview(server: ChildProcess): Promise<void> {
  process.kill(-server.pid!, 'SIGTERM');
  await expect.poll(async () => fetch(url).then(() => 'up', () => 'down'), { timeout: 30_000 }).toBe('down');
}

test('a second visit works with the network off: the bundled model classifies and the page says it is offline', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  let server: ChildProcess | null = await startPreview();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByTestId('model-card')).toContainText('vHeat');
    await waitForFreshTop5(page);
    // The service worker has cached every file of the build and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect(page.getByTestId('offline-note')).toHaveCount(0);

    await stopPreview(server);
    server = null;
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('offline-note')).toContainText("Offline: the page runs from this browser's copy");
    await expect(page.getByTestId('model-card')).toContainText('vHeat');
    // Served from the cache with the headers it was built with: still cross-origin isolated (CPU threads).
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    await dropFixture(page, 'coffee.png');
    const top = await waitForResultsOf(page, 'coffee.png');
    expect(Math.abs(top.sum - 1)).toBeLessThan(1e-4);
    await page.screenshot({ path: test.info().outputPath('offline.png') });
  } finally {
    if (server) process.kill(-server.pid!, 'SIGTERM');
    await context.close();
  }
});
