// End-to-end: the full-resolution heat view. A dropped non-square image is diffused at its own size (canvas
// 21 x 13), with a numbered colour bar, the frame's t, a recompute marker, the learned-k and HcNet modes, and
// the PNG and WebM exports. One page for the file (serial); screenshots at 1440 and 400 px.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { dropFixture, openPlayground, selectModel } from './helpers';

// The view's request queues behind the other views' analyses (heat frames, thumbnails, ERF): on a loaded machine
// with SwiftShader those alone took a minute or more, so the first wait is long.
test.describe.configure({ mode: 'serial', timeout: 600_000 });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await openPlayground(browser, () => {
    // Records the type of every Blob handed to URL.createObjectURL (the exports' downloads).
    const original = URL.createObjectURL.bind(URL);
    const types: string[] = [];
    (window as unknown as { blobTypes: string[] }).blobTypes = types;
    URL.createObjectURL = (o: Blob | MediaSource) => {
      if (o instanceof Blob) types.push(o.type);
      return original(o);
    };
  });
  page.on('console', (m) => m.text().startsWith('engine:') && console.log(m.text())); // the worker's slow requests
  await dropFixture(page, 'tiny-21x13.gif');
  await expect(page.locator('figcaption', { hasText: 'tiny-21x13.gif' }).first()).toBeVisible();
  await page.getByTestId('fullres').scrollIntoViewIfNeeded();
});

test.afterAll(async () => {
  await page.close();
});

/** Canvas width and height attributes (its pixel resolution, not its CSS size). */
async function canvasSize(testId: string): Promise<[number, number]> {
  return page.getByTestId(testId).evaluate((c: HTMLCanvasElement) => [c.width, c.height] as [number, number]);
}

/** Starts watching for the recompute spinner; the returned function says whether it was ever shown. */
async function watchRecomputeMarker(): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    const w = window as unknown as { sawBusy: boolean; busyObserver?: MutationObserver };
    w.sawBusy = false;
    w.busyObserver?.disconnect();
    w.busyObserver = new MutationObserver(() => {
      if (document.querySelector('[data-testid="fullres-busy"]') && document.querySelector('[data-testid="fullres-progress"]')) w.sawBusy = true;
    });
    w.busyObserver.observe(document.body, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { sawBusy: boolean }).sawBusy);
}

async function waitIdle(): Promise<void> {
  await expect(page.getByTestId('fullres')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('fullres-busy')).toHaveCount(0);
}

test('the dropped image is diffused at its own resolution, with a numbered colour bar and the frame t', async () => {
  await expect(page.getByTestId('fullres-canvas')).toBeVisible({ timeout: 450_000 });
  await waitIdle();
  expect(await canvasSize('fullres-canvas')).toEqual([21, 13]);
  // These tests run WebGPU on SwiftShader (?backend=webgpu), no hardware GPU: the long side is capped at 256 px unless
  // the user raises it (engine/analysis/fullResolutionHeat.ts FULL_RES_DEFAULT_SIDE; the CPU path's is 512).
  await expect(page.getByTestId('fullres-side')).toHaveValue('256');
  await expect(page.getByTestId('fullres')).toContainText('smaller by default without a hardware GPU');
  const bar = page.getByTestId('fullres-colourbar');
  await expect(bar).toContainText('pixel value / 255');
  await expect(bar.locator('.fr-ticks').first()).toHaveText(/0\s*0\.5\s*1/);
  await expect(page.getByTestId('fullres-caption')).toContainText('21 × 13 px');
  const time = page.getByTestId('fullres-time');
  await time.fill('13'); // 0.01 * 10^(12/6) = 1
  await expect(page.getByTestId('fullres-t')).toHaveText('t = 1');
  await expect(time).toHaveAttribute('aria-valuetext', 't = 1');
  await time.fill('0');
  await expect(page.getByTestId('fullres-t')).toHaveText('t = 0');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('t=0');
});

test('a new k marks the picture as recomputing, then shows the new frames', async () => {
  await page.getByTestId('fullres-time').fill('13'); // t = 1: k = 10 spreads ~4.5 px, k = 1000 flattens the image
  const before = await page.getByTestId('fullres-canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL());
  const sawBusy = await watchRecomputeMarker();
  await page.getByTestId('fullres-k').fill('100'); // k = 1000
  await expect.poll(sawBusy).toBe(true);
  await waitIdle();
  await expect(page.getByTestId('fullres-caption')).toContainText('k = 1000');
  await expect.poll(() => page.getByTestId('fullres-canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(before);
  await expect(page.getByTestId('fullres-error')).toHaveCount(0);
});

test('the picture downloads as PNG and the animation as WebM', async () => {
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('fullres-png').click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toMatch(/^heatlab_uniform-k1000_tiny-21x13_t1\.png$/);
  const pngBytes = readFileSync((await png.path())!);
  expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
  expect(pngBytes.length).toBeGreaterThan(5_000);
  await png.saveAs(test.info().outputPath('fullres-export.png'));
  const videoDownload = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('fullres-video').click();
  const video = await videoDownload;
  expect(video.suggestedFilename()).toMatch(/^heatlab_uniform-k1000_tiny-21x13_t0-100\.webm$/);
  const webm = readFileSync((await video.path())!);
  expect(webm.readUInt32BE(0)).toBe(0x1a45dfa3); // EBML header
  expect(webm.length).toBeGreaterThan(10_000);
  const types = await page.evaluate(() => (window as unknown as { blobTypes: string[] }).blobTypes);
  expect(types).toContain('image/png');
  expect(types).toContain('video/webm');
});

test('screenshots at 1440 and 400 px', async () => {
  for (const width of [1440, 400]) {
    await page.setViewportSize({ width, height: 900 });
    const view = page.getByTestId('fullres');
    await view.scrollIntoViewIfNeeded();
    await view.screenshot({ path: test.info().outputPath(`fullres-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('vHeat: the learned k of the chosen block, each cosine pattern decaying as in the block', async () => {
  await page.getByRole('radio', { name: /learned k of the chosen vHeat block/ }).check();
  await waitIdle();
  await expect(page.getByTestId('fullres-caption')).toContainText("fades as it does in block 1.1's own 16 × 16 map");
  expect(await canvasSize('fullres-canvas')).toEqual([21, 13]);
});

test('HcNet: explicit steps beside the spectral solution, with the stability bound', async () => {
  await selectModel(page, 'hcnet-fashion-mnist', 'HcNet');
  await page.getByTestId('fullres').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('fullres-explicit')).toBeVisible({ timeout: 450_000 }); // behind the new model's own analyses
  await waitIdle();
  expect(await canvasSize('fullres-explicit')).toEqual([21, 13]);
  expect(await canvasSize('fullres-canvas')).toEqual([21, 13]);
  await expect(page.getByTestId('fullres-stability')).toContainText(/α_max = 1\.\d+/);
  await page.getByTestId('fullres-time').fill('1');
  await expect(page.getByTestId('fullres-t')).toContainText('step n = 1');
  await page.getByTestId('fullres').screenshot({ path: test.info().outputPath('fullres-hcnet.png') });
});
