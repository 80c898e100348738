// End-to-end: the heat view's channel modes (energy, one channel, principal components as RGB) and HcNet in
// the same view (explicit steps, the stability bound of its step). Each test opens its own page.
import { expect, test, type Page } from '@playwright/test';
import { formatScale, scaleToSlider, ONE_AT, sliderToScale } from '../src/app/features/diffusivity/diffusivityScale';
import { canvasPixels, openHeatOptions, openPlayground, readTop5, saveShot, selectModel, waitForFreshTop5 } from './helpers';

let page: Page;

test.beforeEach(async ({ browser }) => {
  page = await openPlayground(browser);
  await waitForFreshTop5(page);
});

test.afterEach(async () => {
  await page.close();
});

/** Number of RGBA values that differ between two pixel arrays of the same canvas size. */
function differing(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** Distinct RGB colours of a canvas: a blank (or single-colour) frame has 1. */
function colours(rgba: number[]): number {
  const seen = new Set<number>();
  for (let i = 0; i < rgba.length; i += 4) seen.add((rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2]);
  return seen.size;
}

/** Waits until the heat frame differs from `previous`, then checks it is not blank and returns it. */
async function frameChangedFrom(previous: number[], mode: string): Promise<number[]> {
  await expect.poll(async () => differing(previous, await canvasPixels(page, 'heat-frame')), { message: `${mode} frame differs` }).toBeGreaterThan(previous.length / 20);
  const now = await canvasPixels(page, 'heat-frame');
  const n = colours(now);
  console.log(`${mode}: ${n} distinct colours over ${now.length / 4} pixels, ${differing(previous, now)} RGBA values changed`);
  expect(n).toBeGreaterThan(4);
  expect(now.filter((v, i) => i % 4 === 3).every((a) => a > 0)).toBe(true);
  return now;
}

test('the heat animation shows energy, one channel and the top principal components, picked with the keyboard', async () => {
  await openHeatOptions(page);
  const group = page.getByRole('group', { name: 'Channels shown' });
  const energy = group.getByRole('radio', { name: 'Energy over channels' });
  const pca = group.getByRole('radio', { name: 'Top 3 principal components as RGB' });
  const one = group.getByRole('radio', { name: 'One channel' });
  const index = group.getByRole('spinbutton', { name: 'Channel index' });
  // The default view: energy over the channels that conduct (e2e/heatViews.spec.ts); energy over all is one key away.
  await expect(group.getByRole('radio', { name: 'Conducting channels' })).toBeChecked();
  await expect(index).toBeDisabled();
  await page.getByTestId('heat-scrub').fill('21'); // t = 1 on the log axis: the block's own operator
  await expect(page.getByTestId('heat-time')).toHaveText('t = 1');
  await expect(page.getByTestId('heat-frame')).toBeVisible();
  await expect(page.getByTestId('heat-figure-busy')).toHaveCount(0);
  const conductingPixels = await canvasPixels(page, 'heat-frame');
  await energy.check();
  const energyPixels = await frameChangedFrom(conductingPixels, 'energy over all channels');
  expect(colours(energyPixels)).toBeGreaterThan(4);
  await saveShot(page, 'heat-energy');

  // Native radio group: arrows move the choice, Tab goes on to the channel index.
  await energy.focus();
  await page.keyboard.press('ArrowDown');
  await expect(pca).toBeChecked();
  await expect(pca).toBeFocused();
  const pcaPixels = await frameChangedFrom(energyPixels, 'principal components');
  await saveShot(page, 'heat-pca');

  await page.keyboard.press('ArrowDown');
  await expect(one).toBeChecked();
  await expect(index).toBeEnabled();
  const channel0 = await frameChangedFrom(pcaPixels, 'channel 0');
  expect(differing(energyPixels, channel0)).toBeGreaterThan(energyPixels.length / 20);
  await page.keyboard.press('Tab');
  await expect(index).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await expect(index).toHaveValue('3');
  await frameChangedFrom(channel0, 'channel 3');
  await expect(page.getByTestId('spectrum')).toBeVisible();
  await expect(page.locator('figcaption', { hasText: 'learned diffusivity k' })).toContainText('channel 3');
  await saveShot(page, 'heat-channel-3');

  // Back to energy: the first frame comes back.
  await energy.click();
  await expect(index).toBeDisabled();
  await expect.poll(async () => differing(energyPixels, await canvasPixels(page, 'heat-frame'))).toBe(0);
});

test('HcNet in the same view: top-5, explicit finite-difference steps, and the stability bound of alpha', async () => {
  const vheatTop = await readTop5(page);
  await selectModel(page, 'hcnet-fashion-mnist', 'HcNet');
  await expect(page.getByTestId('model-card')).toContainText('explicit finite-difference steps');
  const top = await waitForFreshTop5(page);
  expect(top.labels).toHaveLength(5);
  expect(Math.abs(top.sum - 1)).toBeLessThan(1e-4);
  console.log(`HcNet top-5: ${top.labels.map((l, i) => `${l} ${(top.probabilities[i] * 100).toFixed(1)}%`).join(', ')} (vHeat top-1 was ${vheatTop.labels[0]})`);

  // The heat view counts explicit steps (0, 1, 2 ... 128 on a log axis; 1 is the block's own step).
  const scrub = page.getByTestId('heat-scrub');
  await expect(scrub).toHaveAttribute('max', '14');
  await scrub.fill('0');
  await expect(page.getByTestId('heat-time')).toContainText('0 explicit steps');
  await expect(page.getByTestId('heat-figure-busy')).toHaveCount(0); // HcNet's own frames, not the last model's
  const step0 = await canvasPixels(page, 'heat-frame');
  await scrub.fill('6'); // index 6 of 0, 1, 2, 3, 4, 6, 8, ...: 8 steps
  await expect(page.getByTestId('heat-time')).toContainText('8 explicit steps');
  await expect(scrub).toHaveAttribute('aria-valuetext', '8 explicit steps');
  const step6 = await canvasPixels(page, 'heat-frame');
  expect(differing(step0, step6)).toBeGreaterThan(step0.length / 20);
  await expect(page.getByTestId('spectrum')).toHaveAttribute('aria-label', /alpha/);
  await saveShot(page, 'hcnet-steps');

  // At diffusivity scale 1 the step is stable and the message gives the bound.
  const stability = page.getByTestId('hcnet-stability');
  await expect(stability).toContainText('Stable at this setting');
  const bound = Number(/above global × (\d+(?:\.\d+)?(?:e[+-]?\d+)?)/.exec((await stability.textContent()) ?? '')?.[1]);
  console.log(`HcNet stage 1 block 1: explicit step unstable above global × ${bound}`);
  expect(bound).toBeGreaterThan(1);
  const slider = page.getByTestId('global-diffusivity');
  const at = scaleToSlider(bound);
  await slider.fill(String(at - 2)); // two slider steps (~5%) below the bound: still stable
  await expect(page.locator('output[for=global-diffusivity]')).toContainText(formatScale(sliderToScale(at - 2)));
  await expect(stability).toContainText('Stable at this setting');
  const past = at + 2; // two slider steps past the bound
  expect(past).toBeLessThanOrEqual(300);
  await slider.fill(String(past));
  await expect(stability).toContainText(/^Unstable: \d+ channel\(s\) of this block exceed alpha/);
  await expect(stability).toHaveClass(/warn/);
  await saveShot(page, 'hcnet-unstable');

  // Back below the bound (diffusivity scale 1): the warning goes.
  await slider.fill(String(ONE_AT));
  await expect(stability).toContainText('Stable at this setting');
  await expect(stability).not.toHaveClass(/warn/);
  await saveShot(page, 'hcnet-stable-again');
});
