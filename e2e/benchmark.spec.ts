// End-to-end: "Benchmark this device" at a reduced size list on this machine's adapter (SwiftShader on CI):
// the plot and the table with one line per backend, the JSON download (bench/results/ format, adapter named,
// no leaked tensors), the PNG, the plot redrawn for a narrow window, and a cancel that ends the work (the
// benchmark worker closes) within a second.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page, type Worker } from '@playwright/test';
import { dropFixture, waitForResultsOf } from './helpers';

const QUICK = '/?backend=webgpu&bench-sizes=32,64&bench-runs=1&bench-warmup=0';
const RUNTIMES = ['webgpu-wgsl', 'webgpu-portable', 'wasm'];
const appVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The playground with the panel's quick settings from the URL (the panel opens itself with them), its model loaded. */
async function openQuickPanel(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await page.goto(QUICK);
  await expect(page.getByTestId('backend')).toContainText('webgpu');
  await expect(page.getByTestId('model-card')).toBeVisible();
  await expect(page.getByTestId('benchmark-sizes')).toHaveValue('32, 64');
  return page;
}

function benchmarkWorker(page: Page): Promise<Worker> {
  return page.waitForEvent('worker', { predicate: (w) => w.url().includes('deviceBenchmarkWorker'), timeout: 60_000 });
}

test('runs every backend at 32 and 64, plots one line per backend, downloads JSON and PNG', async ({ browser }) => {
  test.setTimeout(900_000);
  const page = await openQuickPanel(browser);
  const panel = page.getByTestId('benchmark-panel');
  await expect(panel).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('benchmark-start').click();
  await expect(panel).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('benchmark-status').locator('progress')).toBeVisible();
  await expect(panel).toHaveAttribute('data-state', 'done', { timeout: 840_000 });

  const plot = page.getByTestId('benchmark-plot').locator('svg');
  await expect(plot).toHaveAttribute('role', 'img');
  await expect(plot).toHaveAttribute('aria-label', /fitted exponent/);
  await expect(plot.locator('polyline')).toHaveCount(3);
  for (const label of ['WebGPU, WGSL operator', 'WebGPU, portable operator', 'CPU (tfjs-wasm)']) {
    const escaped = label.replace(/[()]/g, '\\$&');
    await expect(plot.locator('text', { hasText: new RegExp(`^${escaped}: time ∝ pixels\\^-?\\d\\.\\d\\d$`) })).toHaveCount(1);
  }
  const rows = page.getByTestId('benchmark-table').locator('tbody tr');
  await expect(rows).toHaveCount(6);
  for (const runtime of RUNTIMES) await expect(page.getByTestId('benchmark-table').locator(`tr[data-runtime="${runtime}"]`)).toHaveCount(2);
  await expect(page.getByTestId('benchmark-adapter')).toContainText(/Adapter: \S/);

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('benchmark-download-json').click()]);
  const result = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  expect(result.suite).toBe('device');
  expect(result.adapter.vendor.length + result.adapter.description.length).toBeGreaterThan(0);
  expect(jsonDownload.suggestedFilename()).toContain(result.adapter.vendor);
  expect(result.appVersion).toBe(appVersion);
  expect(result.userAgent).toContain('Chrome');
  expect(result.error).toBeNull();
  expect(result.rows).toHaveLength(6);
  for (const row of result.rows) {
    expect(row.samplesMs).toHaveLength(1);
    expect(row.medianMs).toBeGreaterThan(0);
    expect(RUNTIMES).toContain(row.params.runtime);
  }
  expect(result.rows.filter((r: { params: { backend: string } }) => r.params.backend === 'webgpu').every((r: { params: { gpuInUseMiB?: number } }) => r.params.gpuInUseMiB! > 0)).toBe(true);
  expect(result.tensorCounts).toHaveLength(2);
  for (const c of result.tensorCounts) expect(c.after).toBe(c.before);

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('benchmark-download-png').click()]);
  expect([...readFileSync(await pngDownload.path()).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  await page.setViewportSize({ width: 1440, height: 900 });
  await panel.screenshot({ path: test.info().outputPath('benchmark-1440.png') });
  await page.setViewportSize({ width: 400, height: 900 });
  // The plot is drawn again for the narrow width (text keeps its size), not scaled down.
  await expect.poll(async () => Number(await plot.getAttribute('width'))).toBeLessThanOrEqual(400);
  await panel.screenshot({ path: test.info().outputPath('benchmark-400.png') });
  await page.close();
});

test('cancel ends the run and its worker within a second', async ({ browser }) => {
  test.setTimeout(600_000);
  const page = await openQuickPanel(browser);
  await page.getByTestId('benchmark-runs').fill('5');
  await page.getByTestId('benchmark-warmup').fill('1');
  const workerStarted = benchmarkWorker(page);
  await page.getByTestId('benchmark-start').click();
  const worker = await workerStarted;
  const closed = new Promise<void>((resolve) => worker.once('close', () => resolve()));
  // Mid-run: at least one inference done and many left.
  await expect(page.getByTestId('benchmark-status')).toContainText(/^[1-9]\d* of \d+ inferences/, { timeout: 300_000 });
  // The playground's own model keeps working while the benchmark runs in its worker.
  await dropFixture(page, 'coffee.png');
  const top = await waitForResultsOf(page, 'coffee.png');
  expect(Math.abs(top.sum - 1)).toBeLessThan(1e-4);
  await expect(page.getByTestId('benchmark-panel')).toHaveAttribute('data-state', 'running');
  await page.getByTestId('benchmark-panel').screenshot({ path: test.info().outputPath('benchmark-running.png') });
  // Timed in the page, from the click's handling to the panel turning 'cancelled' (which it does only once the
  // worker is ended), so neither the harness's latency nor the time the click waits behind other page work on a
  // loaded machine is counted.
  await page.evaluate(() => {
    const panel = document.querySelector('[data-testid="benchmark-panel"]')!;
    const w = window as unknown as { cancelClickAt?: number; cancelledAt?: number };
    document.querySelector('[data-testid="benchmark-cancel"]')!.addEventListener('click', () => (w.cancelClickAt = performance.now()), { once: true });
    new MutationObserver(() => {
      if (panel.getAttribute('data-state') === 'cancelled') w.cancelledAt ??= performance.now();
    }).observe(panel, { attributes: true, attributeFilter: ['data-state'] });
  });
  await page.getByTestId('benchmark-cancel').click();
  await Promise.all([closed, expect(page.getByTestId('benchmark-panel')).toHaveAttribute('data-state', 'cancelled')]);
  const elapsed = await page.evaluate(() => {
    const w = window as unknown as { cancelClickAt: number; cancelledAt: number };
    return w.cancelledAt - w.cancelClickAt;
  });
  console.log(`cancel: the worker ended and the panel said cancelled ${elapsed.toFixed(0)} ms after the click`);
  expect(elapsed).toBeLessThan(1000);
  await expect(page.getByTestId('benchmark-status')).toContainText('Cancelled');
  // The page stays usable: a new run can start straight away.
  await expect(page.getByTestId('benchmark-start')).toBeEnabled();
  await page.close();
});
