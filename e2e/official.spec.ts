// The official ImageNet models from the page: through the dev server's route (downloaded once by the server from a
// loopback release, streamed to the page with its progress, converted in the worker, then classifying and kept in the
// browser cache), and on a static host (no route) the text that says how to get the file instead.
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { dropFixture, waitForResultsOf } from './helpers';
import { OFFICIAL_E2E_ENV, startLoopbackRelease, type LoopbackRelease } from './officialRelease';

let release: LoopbackRelease;
test.beforeAll(async () => {
  rmSync(OFFICIAL_E2E_ENV.HEAT_LAB_CACHE_DIR, { recursive: true, force: true });
  release = await startLoopbackRelease();
});
test.afterAll(() => release.close());

test('an official model streams through the dev server with its progress, classifies, and loads from the browser cache next time', async ({ page }) => {
  const routeRequests: string[] = [];
  page.on('request', (r) => void (r.url().includes('/api/official-models/') && routeRequests.push(new URL(r.url()).pathname)));
  await page.goto('/');
  await expect(page.getByTestId('model-card')).toBeVisible();
  await expect(page.getByTestId('official-note')).toContainText("downloaded once by this page's server, then kept in this browser");
  const option = page.locator('option[value="official:tiny"]');
  await expect(option).toHaveText('vHeat-T · ImageNet · 82.2% · ~115 MB download');

  await page.getByTestId('model-select').selectOption('official:tiny');
  // The download's progress, as the server streams it.
  await expect(page.getByTestId('model-progress')).toContainText(/downloading vHeat-T \(vHeat_tiny\.pth\) through this page's server \d+%/);
  await page.screenshot({ path: test.info().outputPath('official-downloading.png') });
  await expect(page.getByTestId('model-card')).toContainText('dims 8/16/24/32');
  await expect(page.getByTestId('model-select')).toHaveValue(/^cached:file:vHeat_tiny\.pth:/);
  expect(release.requests).toEqual(['/releases/download/vheatcls/vHeat_tiny.pth']);
  await dropFixture(page, 'coffee.png');
  const top = await waitForResultsOf(page, 'coffee.png');
  expect(Math.abs(top.sum - 1)).toBeLessThan(1e-4);

  // Next visit: from the browser cache (IndexedDB), not the server.
  await page.reload();
  await expect(option).toHaveText(/· in this browser$/);
  const before = routeRequests.filter((p) => p.endsWith('/tiny')).length;
  await page.getByTestId('model-select').selectOption('official:tiny');
  await expect(page.getByTestId('model-select')).toHaveValue(/^cached:file:vHeat_tiny\.pth:/);
  await expect(page.getByTestId('model-card')).toContainText('dims 8/16/24/32');
  expect(routeRequests.filter((p) => p.endsWith('/tiny')).length).toBe(before);
  expect(release.requests).toHaveLength(1);
});

test('on a static host (no route) the official entries say how to download and drop the file', async ({ page }) => {
  // A static host answers the route's probe like any missing file.
  await page.route('**/api/official-models/**', (r) => r.fulfill({ status: 404, contentType: 'text/html', body: '<h1>404</h1>' }));
  await page.goto('/');
  await expect(page.getByTestId('model-card')).toBeVisible();
  const note = page.getByTestId('official-note');
  await expect(note).toContainText("this page's host cannot download them. Run npx vheat fetch tiny (or small, base)");
  await expect(note).toContainText('drop the .safetensors file it names here');
  await expect(page.locator('option[value="official:base"]')).toBeDisabled();
  await expect(page.locator('option[value="official:base"]')).toHaveText(/vHeat-B · ImageNet · 83\.9% .* · see below$/);
  // The note fits a wide and a phone-sized window (nothing cut off to the right).
  for (const width of [1440, 400]) {
    await page.setViewportSize({ width, height: 900 });
    const box = (await note.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await page.locator('section.model-picker').screenshot({ path: test.info().outputPath(`official-static-${width}.png`) });
  }
});
