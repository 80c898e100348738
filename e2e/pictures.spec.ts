// The pictures explain themselves: an honest first impression, a colour bar
// with numbers under every map, a log time axis, recompute marks, errors that clear, PNG export, the view in
// the URL, a usable 400 px layout. Each test opens its own page. Screenshots go to test-results/.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { dropFixture, openHeatOptions, openPlayground, saveShot, waitForResultsOf } from './helpers';

const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

async function heatReady(page: Page): Promise<void> {
  await expect(page.getByTestId('heat-frame')).toBeVisible();
  await expect(page.getByTestId('heat-figure-busy')).toHaveCount(0);
}

/** Records in the page whether an element matching `selector` ever appears (robust to fast computations). */
async function watchFor(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const w = window as Window & { seen?: Record<string, boolean> };
    w.seen ??= {};
    w.seen[sel] = document.querySelector(sel) !== null;
    new MutationObserver(() => {
      if (document.querySelector(sel)) w.seen![sel] = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  }, selector);
}

async function seen(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => (window as Window & { seen?: Record<string, boolean> }).seen?.[sel] === true, selector);
}

test('first impression: a sample the model knows, its classes, and what to do for other photos', async ({ browser }) => {
  const page = await openPlayground(browser);
  const top = await waitForResultsOf(page, 'Fashion-MNIST');
  expect(FASHION).toContain(top.labels[0]);
  await expect(page.getByTestId('domain-note')).toHaveCount(0);
  await expect(page.getByTestId('model-knows')).toContainText('10 classes of Fashion-MNIST');
  // No developer entries without ?dev.
  await expect(page.getByTestId('model-select').locator('option', { hasText: 'random' })).toHaveCount(0);
  await page.getByTestId('sample-photo:astronaut').click();
  await waitForResultsOf(page, 'Astronaut');
  const note = page.getByTestId('domain-note');
  await expect(note).toContainText('not from Fashion-MNIST');
  await expect(note).toContainText('Ankle boot');
  await expect(note.locator('a')).toHaveAttribute('href', /github\.com\/MzeroMiko\/vHeat\/releases/);
  // Provenance in words.
  await page.locator('.provenance summary').click();
  await expect(page.locator('.provenance')).toContainText('Data set');
  await expect(page.locator('.provenance')).toContainText(/Training time\s*\d+(\.\d)? min/);
  await saveShot(page, 'first-impression-1440');
  await page.close();
});

test('developer models only behind ?dev', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/?dev');
  await expect(page.getByTestId('model-card')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('model-select').locator('optgroup[label^="Developer"] option')).not.toHaveCount(0);
  await page.close();
});

test('cold start: progress from the first paint until the first result', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/', { waitUntil: 'commit' });
  await expect(page.getByTestId('startup-progress')).toBeVisible();
  await expect(page.getByTestId('startup-progress')).toContainText(/Step \d of 4/);
  await expect(page.getByTestId('top5').locator('li')).toHaveCount(5, { timeout: 120_000 });
  await expect(page.getByTestId('startup-progress')).toHaveCount(0);
  await page.close();
});

test('every heat picture has a colour bar with numbers, axes, a caption; time is logarithmic', async ({ browser }) => {
  const page = await openPlayground(browser);
  await heatReady(page);
  for (const id of ['heat-figure', 'spectrum', 'point-figure']) {
    const ticks = page.getByTestId(`${id}-scale`).getByTestId('colour-bar-tick');
    await expect(ticks.first()).toBeVisible();
    const labels = await ticks.allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(2);
    // formatTick's numbers ('0.25', '1.2e5', '3e-4'); Number('') is 0, so an empty label fails too.
    for (const l of labels) expect(l, l).toMatch(/^-?\d+(\.\d+)?(e-?\d+)?$/);
    await expect(page.getByTestId(id).locator('figcaption strong')).not.toBeEmpty();
  }
  await expect(page.getByTestId('spectrum-axes')).toContainText('m: horizontal frequency');
  await expect(page.getByTestId('spectrum-axes')).toContainText('DC');
  await expect(page.locator('.scrub .axis-labels')).toHaveText(/0.*0\.1.*1.*10.*100/);
  await expect(page.getByRole('slider', { name: 'Time t (log scale)' })).toHaveAttribute('data-testid', 'heat-scrub');
  // The slider's far right is t = 100 and the frame's t is printed.
  await page.getByTestId('heat-scrub').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('heat-time')).toHaveText('t = 100');
  // Stage 4 of the bundled model is 1x1 (or 2x2): a note, not a flat picture.
  await page.getByRole('group', { name: 'Stage' }).getByRole('button').last().click();
  await expect(page.getByTestId('tiny-stage-note')).toContainText(/only \d×\d cell/);
  await page.close();
});

test('a picture being recomputed is marked, and so is the control that caused it', async ({ browser }) => {
  const page = await openPlayground(browser);
  await heatReady(page);
  await watchFor(page, '[data-testid="heat-figure-busy"]');
  await watchFor(page, '[data-testid="channel-updating"]');
  await openHeatOptions(page);
  await page.getByLabel('Top 3 principal components as RGB').check();
  await expect(page.getByTestId('heat-figure').locator('.meta')).toContainText('principal component');
  expect(await seen(page, '[data-testid="heat-figure-busy"]')).toBe(true);
  expect(await seen(page, '[data-testid="channel-updating"]')).toBe(true);
  await expect(page.getByTestId('heat-figure-busy')).toHaveCount(0);
  await page.close();
});

test('errors clear when the next action succeeds, and one input error stands at a time', async ({ browser }) => {
  const page = await openPlayground(browser);
  await waitForResultsOf(page, 'Fashion-MNIST');
  await dropFixture(page, 'fixtures/torch/resnet.pth');
  await expect(page.getByTestId('model-error')).toContainText('resnet.pth');
  await dropFixture(page, 'truncated.jpg');
  await expect(page.getByTestId('image-error')).toContainText('truncated.jpg');
  await expect(page.getByTestId('model-error')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(1);
  await page.getByTestId('sample-photo:coffee').click();
  await waitForResultsOf(page, 'Coffee');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.close();
});

test('PNG export of a picture: colour bar and caption included, named after model, block, t and image', async ({ browser }) => {
  const page = await openPlayground(browser);
  await heatReady(page);
  // The animation plays once on arrival: back to t = 0 for a known name.
  await page.getByTestId('heat-scrub').fill('0');
  await expect(page.getByTestId('heat-time')).toHaveText('t = 0');
  // Moving the scrub stops the arrival run, even when it was still on its first frame.
  await expect(page.getByTestId('heat-play')).toHaveAttribute('aria-pressed', 'false');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('heat-figure-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^vheat-fashion-mnist_stage1_block1_t=0_fashion-mnist-t-shirt-top\.png$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  // 768 px of picture plus margins; taller than wide: the colour bar and the caption are under the picture.
  expect(width).toBe(768 + 32);
  expect(height).toBeGreaterThan(768 + 100);
  expect(bytes.length).toBeGreaterThan(10_000);
  // The spectrum is its own computation: its picture must be there before it can be exported.
  await expect(page.getByTestId('spectrum-map')).toBeVisible();
  const [spectrum] = await Promise.all([page.waitForEvent('download'), page.getByTestId('spectrum-export').click()]);
  expect(spectrum.suggestedFilename()).toMatch(/_k_mean-over-channels\.png$/);
  await page.close();
});

test('the heat animation downloads as WebM: every time of the axis, named after model, block, time range and image', async ({ browser }) => {
  const page = await openPlayground(browser);
  await heatReady(page);
  const button = page.getByTestId('heat-webm');
  const [video] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), button.click()]);
  expect(video.suggestedFilename()).toMatch(/^vheat-fashion-mnist_stage1_block1_t=0-100_fashion-mnist-t-shirt-top\.webm$/);
  const webm = readFileSync(await video.path());
  expect(webm.readUInt32BE(0)).toBe(0x1a45dfa3); // EBML header
  // 42 frames (t = 0, then 0.01 to 100) of a 544 px wide figure at 8 frames/s: far more than one frame's bytes
  expect(webm.length).toBeGreaterThan(20_000);
  // Segment > Info > Duration (ID 0x4489, an 8-byte float of ms at the 1 ms TimecodeScale): 42 frames at 8/s + 0.5 s.
  const duration = webm.indexOf(Buffer.from([0x44, 0x89, 0x88]));
  expect(duration).toBeGreaterThan(0);
  expect(webm.readDoubleBE(duration + 3)).toBeGreaterThan(42 / 8 * 1000);
  await expect(button).toHaveText('WebM ↓');
  await page.close();
});

test('the URL keeps the view: channel mode, t, colour scaling, rendering, opacity', async ({ browser }) => {
  const page = await openPlayground(browser);
  await heatReady(page);
  await openHeatOptions(page);
  await page.getByLabel('One channel:').check();
  await page.getByLabel('Channel index').fill('3');
  await page.getByTestId('scale-per-frame').check();
  await page.getByTestId('heat-scrub').focus();
  await page.keyboard.press('End');
  await page.getByTestId('smooth-toggle').check();
  await page.getByTestId('overlay-opacity').fill('0.3');
  await expect(page).toHaveURL(/ch=c3/);
  const url = page.url();
  expect(url).toMatch(/t=100/);
  expect(url).toMatch(/scale=frame/);
  expect(url).toMatch(/render=smooth/);
  expect(url).toMatch(/opacity=0\.3/);
  const again = await browser.newPage();
  await again.goto(url);
  await expect(again.getByTestId('heat-time')).toHaveText('t = 100', { timeout: 120_000 });
  await expect(again.getByLabel('One channel:')).toBeChecked();
  await expect(again.getByLabel('Channel index')).toHaveValue('3');
  await expect(again.getByTestId('scale-per-frame')).toBeChecked();
  await expect(again.getByTestId('smooth-toggle')).toBeChecked();
  await expect(again.getByTestId('overlay-opacity')).toHaveValue('0.3');
  await again.close();
  await page.close();
});

test('a dropped image says it is not in the URL', async ({ browser }) => {
  const page = await openPlayground(browser);
  await dropFixture(page, 'rocket.jpg');
  await waitForResultsOf(page, 'rocket.jpg');
  await expect(page.getByTestId('own-image-note')).toContainText('not part of the page');
  await page.getByTestId('sample-fashion:fashion-1-trouser').click();
  await expect(page.getByTestId('own-image-note')).toHaveCount(0);
  await page.close();
});

test('layout at 400 px: one column, nothing wider than the screen, no empty boxes; a favicon', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 400, height: 900 } });
  await page.goto('/');
  await expect(page.getByTestId('top5').locator('li')).toHaveCount(5, { timeout: 120_000 });
  await heatReady(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow).toBeLessThanOrEqual(400);
  await expect(page.locator('.placeholder:visible')).toHaveCount(0);
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  const res = await page.request.get(icon!);
  expect(res.status()).toBe(200);
  await saveShot(page, 'playground-400');
  await page.setViewportSize({ width: 1440, height: 900 });
  await saveShot(page, 'playground-1440');
  await page.close();
});
