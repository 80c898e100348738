// The page works without WebGPU: a banner says so and classification runs on a CPU backend.
import { chromium, expect, test } from '@playwright/test';
// @ts-expect-error plain JS helper shared with the configs
import { chromiumArgs, findChromium } from '../tools/browser/chromium.mjs';
import { canvasPixels, dropFixture, expectKnownClass, KNOWN_SAMPLE, selectModel, waitForFreshTop5, waitForResultsOf } from './helpers';

test('with WebGPU disabled the app runs on a CPU backend and says so', async ({ baseURL }) => {
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs({ disableWebGPU: true }) });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(baseURL!);
    await expect(page.getByTestId('no-webgpu-banner')).toBeVisible();
    // The dev server sends COOP/COEP (vite.config.ts): the page is isolated, so tfjs-wasm (not the plain JS 'cpu'
    // backend) runs, and it reports its thread pool: every logical core, up to 8 (src/engine/backend/cpuThreads.ts;
    // tfjs alone would cap it at half the cores).
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('backend')).toContainText('wasm');
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = Math.min(8, Math.max(1, cores));
    await expect(page.getByTestId('cpu-threads')).toHaveText(`· ${threads} ${threads === 1 ? 'thread' : 'threads'}`);
    await dropFixture(page, KNOWN_SAMPLE.path);
    const vheatTop = await waitForResultsOf(page, KNOWN_SAMPLE.name);
    expectKnownClass(vheatTop, 'vheat');
    // The effective receptive field takes gradients through every conv: on tfjs-wasm three of them are borrowed
    // from tfjs's cpu kernels (src/engine/backend/wasmBorrowedKernels.ts); without them this shows an error.
    await page.getByTestId('erf-click').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('erf-ratios')).toContainText('position (');
    await expect(page.getByTestId('erf-view')).toHaveAttribute('data-peak-row', /\d+/);
    await expect(page.getByRole('alert').filter({ hasText: /not registered|failed/i })).toHaveCount(0);
    // The heat view (the TypeScript heat kernel on these small maps) animates: frames differ along t.
    const scrub = page.getByTestId('heat-scrub');
    await scrub.fill('0');
    await expect(page.getByTestId('heat-time')).toHaveText('t = 0');
    const t0 = await canvasPixels(page, 'heat-frame');
    await scrub.fill('21'); // the log axis: 0, then 0.01 ... 100; index 21 is t = 1
    await expect(page.getByTestId('heat-time')).toHaveText('t = 1');
    const t2 = await canvasPixels(page, 'heat-frame');
    expect(t0.some((v, i) => v !== t2[i])).toBe(true);
    // HcNet on the CPU too.
    await selectModel(page, 'hcnet-fashion-mnist', 'HcNet');
    expectKnownClass(await waitForFreshTop5(page, vheatTop), 'hcnet');
    await page.screenshot({ path: test.info().outputPath('no-webgpu.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
