// End-to-end: the page as a newcomer meets it on the default URL: every figure drawn without a click, the two
// papers linked, few words with every disclosure closed, the top prediction and the heat view within the first
// 900 px on a phone, and the overview's block buttons driving the heat view. Screenshots at 1440 and 400 px.
import { expect, test, type Page } from '@playwright/test';
import { readTop5, saveShot, waitForFreshTop5 } from './helpers';

/**
 * Visible words (tokens of document.body.innerText with a letter) with every <details> closed: about 1160 before
 * issue 20's rewrite, 494 (639 tokens with the numbers) on the layout branch, 147 of them in the heat section.
 */
const MAX_WORDS = 400;

async function open(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await page.goto('/');
  await expect(page.getByTestId('model-card')).toBeAttached();
  await waitForFreshTop5(page);
}

/** Distinct RGB colours of a canvas (1 = blank), read in the page; -1 for a canvas with no pixels. */
async function canvasColours(page: Page, index: number): Promise<number> {
  return page.locator('canvas').nth(index).evaluate((c: HTMLCanvasElement) => {
    if (c.width === 0 || c.height === 0) return -1;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  });
}

/** Scrolls to every visible figure canvas in turn and waits until it holds more than one colour. */
async function expectNoBlankCanvas(page: Page): Promise<number> {
  const canvases = page.locator('main canvas');
  let checked = 0;
  for (let i = 0; i < (await canvases.count()); i++) {
    const c = canvases.nth(i);
    if (!(await c.isVisible())) continue;
    const label = (await c.getAttribute('aria-label')) ?? (await c.getAttribute('data-testid')) ?? `canvas ${i}`;
    await c.scrollIntoViewIfNeeded();
    await expect.poll(async () => (page.locator('main canvas').nth(i).isVisible().then((v) => (v ? canvasColours(page, i) : 2))), { message: `${label} is drawn` }).toBeGreaterThan(1);
    checked++;
  }
  return checked;
}

/** Words (tokens with a letter) and all tokens (numbers too: tick labels, percentages) of document.body.innerText. */
async function visibleWords(page: Page): Promise<{ words: number; tokens: number }> {
  return page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('details'))) d.open = false;
    const tokens = document.body.innerText.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    return { words: tokens.filter((w) => /\p{L}/u.test(w)).length, tokens: tokens.length };
  });
}

test('on arrival at 1440 px every figure is drawn without a click, the papers are linked, and the page reads short', async ({ page }) => {
  await open(page, 1440, 1000);
  await expect(page.getByRole('link', { name: /vHeat.*2405\.16555/ })).toHaveAttribute('href', 'https://arxiv.org/abs/2405.16555');
  await expect(page.getByRole('link', { name: /HcNet.*2408\.05901/ })).toHaveAttribute('href', 'https://arxiv.org/abs/2408.05901');
  await expect(page.locator('a[href="https://github.com/MzeroMiko/vHeat"]')).toHaveCount(1);
  await expect(page.locator('a[href="https://github.com/ZheminZhang1/HcNet"]')).toHaveCount(1);
  // Alive on arrival: the ERF of the image centre and its stages, and a full-resolution frame at t > 0.
  await expect(page.getByTestId('erf-map')).toBeVisible();
  await page.getByTestId('fullres').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('fullres-t')).not.toHaveText('t = 0');
  const checked = await expectNoBlankCanvas(page);
  console.log(`${checked} figure canvases drawn on arrival`);
  expect(checked).toBeGreaterThan(5);
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.querySelector('.rail')?.scrollTo(0, 0); // the sticky rail scrolls on its own
  });
  await saveShot(page, 'arrival-1440');
  const { words, tokens } = await visibleWords(page);
  console.log(`${words} visible words (${tokens} tokens with the numbers) with every disclosure closed`);
  expect(words).toBeLessThanOrEqual(MAX_WORDS);
});

test('the overview block buttons select the block every view shows (stage 3 has three blocks on the bundled model)', async ({ page }) => {
  await open(page, 1440, 1000);
  const overview = page.getByTestId('model-overview');
  await expect(overview).toBeVisible();
  const button = page.getByTestId('overview-block-3-2');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('overview-block-1-1')).toHaveAttribute('aria-pressed', 'false');
  // The heat view follows (its first figure is named after the block it shows).
  await expect(page.locator('section[aria-labelledby="heat-title"] figure').first()).toHaveAttribute('aria-label', /stage 3,? block 2/i);
  await expect(page.getByTestId('block-diagram')).toHaveAttribute('aria-label', /stage 3, block 2/);
  await saveShot(page, 'block-click-1440');
  await page.setViewportSize({ width: 400, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveShot(page, 'block-click-400');
});

test('at 400 px the top prediction and the heat view start within the first 900 px', async ({ page }) => {
  await open(page, 400, 900);
  const top = await readTop5(page);
  expect(top.labels.length).toBe(5);
  const first = page.getByTestId('top5').locator('li').first();
  const heat = page.getByRole('heading', { name: /^Heat diffusion/ });
  const y = async (l: typeof first) => (await l.evaluate((e) => e.getBoundingClientRect().top + window.scrollY));
  const predictionTop = await y(first);
  const heatTop = await y(heat);
  console.log(`400 px: top prediction at ${predictionTop.toFixed(0)} px, heat view at ${heatTop.toFixed(0)} px`);
  await saveShot(page, 'arrival-400');
  expect(predictionTop).toBeLessThan(900);
  expect(heatTop).toBeLessThan(900);
});
