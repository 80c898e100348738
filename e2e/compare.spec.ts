// End-to-end: "vHeat against its rivals" (ERF of one point in every bundled model of the domain) and the
// cost-against-size panel, in headless Chromium (WebGPU on SwiftShader). One page for the file (serial).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, saveShot } from './helpers';

test.describe.configure({ mode: 'serial', timeout: 600_000 });
const SLOW = { timeout: 400_000 };

interface Entry { id: string; family: string; samples?: string }
const bundled = JSON.parse(readFileSync('public/models/index.json', 'utf8')) as Entry[];

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await openPlayground(browser);
});

test.afterAll(async () => {
  await page.close();
});

test('the comparison shows one ERF map per bundled model of the domain for one clicked point, with the area table', async () => {
  const loaded = await page.getByTestId('model-select').inputValue();
  const domain = bundled.find((e) => e.id === loaded)?.samples;
  const expected = bundled.filter((e) => e.samples === domain).length;
  expect(expected).toBeGreaterThanOrEqual(2);
  await page.getByTestId('stage-0').click();
  const layer = page.getByTestId('erf-click');
  const box = (await layer.boundingBox())!;
  await layer.click({ position: { x: 0.3 * box.width + 1, y: 0.3 * box.height + 1 } });
  // Closed on arrival (the other models load when it opens).
  // A click on a summary that the ERF's re-layout moves between press and release toggles nothing: click until open.
  const opener = page.getByTestId('compare-open');
  const details = page.locator('details', { has: opener });
  await expect(async () => {
    if ((await details.getAttribute('open')) === null) await opener.click();
    await expect(details).toHaveAttribute('open', '', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  const figure = page.getByTestId('compare-figure');
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.getByTestId('compare-map')).toHaveCount(expected, SLOW);
  await expect(figure).not.toHaveAttribute('aria-busy', 'true', SLOW);
  await expect(figure.getByTestId('compare-scale')).toHaveCount(expected);
  // The clicked pixel, not the centre.
  const side = Number(await page.getByTestId('erf-view').getAttribute('data-size'));
  const pixel = Math.floor(0.3 * side);
  expect(pixel).not.toBe(Math.floor(side / 2));
  await expect(figure).toHaveAttribute('aria-label', new RegExp(`pixel \\(${pixel}, ${pixel}\\)`));
  const ratios = await figure.getByTestId('compare-ratio-50').locator('td').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-ratio'))));
  expect(ratios).toHaveLength(expected);
  for (const r of ratios) expect(r).toBeGreaterThan(0);
  // The same point in every model, whatever its input size: the centres agree within one stage-1 cell (4 px of 32).
  const centres = await figure.getByTestId('compare-column').evaluateAll((cs) => cs.map((c) => [Number(c.getAttribute('data-centre-row')), Number(c.getAttribute('data-centre-col'))]));
  for (const [r, c] of centres) {
    expect(Math.abs(r - centres[0][0])).toBeLessThan(0.13);
    expect(Math.abs(c - centres[0][1])).toBeLessThan(0.13);
  }
  // Every map has drawn pixels.
  const lit = await figure.getByTestId('compare-map').evaluateAll((cs) =>
    (cs as HTMLCanvasElement[]).map((c) => c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 !== 3 && v > 0)),
  );
  expect(lit).toEqual(Array(expected).fill(true));
  const families = await figure.getByTestId('compare-column').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-family')));
  expect(families.sort()).toEqual(bundled.filter((e) => e.samples === domain).map((e) => e.family).sort());
  const download = page.waitForEvent('download');
  await figure.getByTestId('compare-figure-export').click();
  expect((await download).suggestedFilename()).toMatch(/erf-compare.*\.png$/);
  // The paper's figure: the centre cell averaged over the sample images, every model, on the button.
  const average = page.getByTestId('compare-average-figure');
  await average.getByTestId('compare-average').click();
  await expect(average.getByTestId('compare-average-map')).toHaveCount(expected, SLOW);
  await expect(average.getByTestId('compare-average-ratio-50').locator('td')).toHaveCount(expected);
  for (const width of [1440, 400]) {
    await page.setViewportSize({ width, height: 900 });
    await figure.scrollIntoViewIfNeeded();
    await page.getByTestId('compare-panel').screenshot({ path: test.info().outputPath(`compare-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await saveShot(page, 'compare-page');
});

test('the cost panel draws its curves for a small size range, with their exponents, and Cancel stops a run', async () => {
  const panel = page.getByTestId('cost-panel');
  await panel.scrollIntoViewIfNeeded();
  await panel.getByTestId('cost-open').click();
  // Cancel first: a run over large sides is stopped after the call under way, and says so.
  await panel.getByTestId('cost-sides').fill('14, 128');
  await panel.getByTestId('cost-run').click();
  await expect(panel.getByTestId('cost-progress')).toBeVisible();
  await expect(panel.getByTestId('cost-cancel')).toBeEnabled();
  await panel.getByTestId('cost-cancel').click();
  await expect(panel.getByTestId('cost-cancelled')).toBeVisible(SLOW);
  await expect(panel.getByTestId('cost-run')).toBeEnabled();
  // Then a whole small run: five curves on log-log axes, each with a fitted exponent beside its theory.
  await panel.getByTestId('cost-sides').fill('14,28');
  await panel.getByTestId('cost-run').click();
  await expect(panel.getByTestId('cost-table')).toBeVisible(SLOW);
  await expect(panel.getByTestId('cost-run')).toBeEnabled(SLOW);
  await expect(panel.getByTestId('cost-cancelled')).toHaveCount(0);
  await expect(panel.getByTestId('cost-plot')).toHaveAttribute('data-curves', '5');
  await expect(panel.getByTestId('cost-plot').locator('svg')).toBeVisible();
  for (const op of ['heat-matrix', 'heat-fast', 'global-attention', 'window-attention', 'depthwise-conv']) {
    const k = Number(await panel.getByTestId(`cost-row-${op}`).getAttribute('data-exponent'));
    expect(Number.isFinite(k)).toBe(true);
  }
  await expect(panel).toContainText('O(N^1.5)');
  for (const width of [1440, 400]) {
    await page.setViewportSize({ width, height: 900 });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: test.info().outputPath(`cost-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});
