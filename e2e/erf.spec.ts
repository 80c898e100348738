// End-to-end: the effective receptive field figures in real headless Chromium (WebGPU on SwiftShader).
// One page for the whole file (serial): model start-up and shader compilation are paid once.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, saveShot } from './helpers';

// Each ERF is one gradient on SwiftShader; on a shared, loaded machine a few take minutes: waits on computations are long.
test.describe.configure({ mode: 'serial', timeout: 900_000 });
const SLOW = { timeout: 600_000 };

let page: Page;
let side: number;

test.beforeAll(async ({ browser }) => {
  page = await openPlayground(browser);
  await expect(page.getByTestId('erf-view')).toBeVisible();
  side = Number(await page.getByTestId('erf-view').getAttribute('data-size'));
});

test.afterAll(async () => {
  await page.close();
});

/** The cell text of the current ERF's ratio table: "cell (r, c) of stage s". */
async function computedCell(): Promise<string | null> {
  return /cell \(\d+, \d+\) of stage \d+/.exec((await page.getByTestId('erf-ratios').textContent()) ?? '')?.[0] ?? null;
}

test('the cell under the cursor is outlined before the click, and the click computes that cell, not the centre', async () => {
  await page.getByTestId('stage-0').click();
  const layer = page.getByTestId('erf-click');
  const box = (await layer.boundingBox())!;
  // 30 % across and down: pixel 9 of 32; stage 1 has a cell every 4 pixels, centred on multiples of 4 -> cell 2.
  const pixel = Math.floor(0.3 * side);
  const cell = Math.round(pixel / 4);
  const centre = Math.floor(side / 4 / 2);
  expect(cell).not.toBe(centre);
  // Before any click the figure shows the ERF of the image centre's cell (computed on arrival).
  await expect.poll(computedCell, SLOW).toBe(`cell (${centre}, ${centre}) of stage 1`);
  const at = { x: 0.3 * box.width + 1, y: 0.3 * box.height + 1 };
  await layer.hover({ position: at });
  const hover = page.getByTestId('erf-hover-cell');
  await expect(hover).toHaveAttribute('data-row', String(cell));
  await expect(hover).toHaveAttribute('data-col', String(cell));
  await expect(page.getByTestId('erf-figure')).toContainText('a click picks a whole cell, not a pixel');
  await layer.click({ position: at });
  await expect.poll(computedCell, SLOW).toBe(`cell (${cell}, ${cell}) of stage 1`);
  await expect(page.getByTestId('erf-computed-cell')).toHaveAttribute('data-row', String(cell));
  await expect(page.getByTestId('erf-figure')).toContainText(`You picked pixel (${pixel}, ${pixel})`);
  expect(page.url()).toContain(`p=${pixel}%2C${pixel}`);
});

test('arrow keys move the computed cell one step of the stage grid', async () => {
  const before = await computedCell();
  await page.getByTestId('erf-click').focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(computedCell, SLOW).not.toBe(before);
  const [r0, c0] = /\((\d+), (\d+)\)/.exec(before!)!.slice(1).map(Number);
  expect(await computedCell()).toBe(`cell (${r0}, ${c0 + 1}) of stage 1`);
});

test('the area ratios are explained in words and the colour bar has numbers and max g', async () => {
  await expect(page.getByTestId('erf-figure-busy')).toHaveCount(0, SLOW);
  for (const p of [20, 30, 50, 99]) await expect(page.getByTestId(`erf-ratio-${p}`)).toHaveAttribute('data-ratio', /^0?\.\d+|^1$/);
  const explainer = page.getByTestId('erf-ratio-explainer');
  await expect(explainer).toContainText('grow a square around it until it holds');
  await expect(explainer).toContainText(`as a share of the ${side}×${side} image`);
  await expect(explainer).toContainText('99 % is often close to 100 %');
  const bar = page.getByTestId('erf-figure-scale');
  await expect(bar).toContainText(/max g = \d/);
  const ticks = await bar.getByTestId('colour-bar-tick').allTextContents();
  expect(ticks.length).toBeGreaterThanOrEqual(3);
  expect(ticks.every((t) => /\d/.test(t))).toBe(true);
  await expect(page.getByTestId('erf-figure')).toContainText('What this output cell sees');
});

test('the stage small multiples show one map per stage for the same point', async () => {
  const tiles = page.getByTestId('erf-stage-tile');
  await expect(tiles).toHaveCount(4);
  for (let i = 0; i < 4; i++) await expect(tiles.nth(i)).toHaveAttribute('data-ready', 'true', SLOW);
  await expect(tiles.nth(0)).toContainText('Stage 1');
  await expect(tiles.nth(3)).toContainText(/\([01], [01]\) ·/); // stage 4 is 2x2 on the bundled model's 64-pixel input
  await expect(page.getByTestId('erf-stages-map')).toHaveAttribute('data-width', String(4 * side + 3 * 2));
});

test('the depth animation computes one frame per depth, shows its progress, and plots one point per depth and threshold', async () => {
  // Record every progress text the figure shows (frames may arrive faster than a poll).
  await page.evaluate(() => {
    const seen: string[] = ((window as unknown as { depthBusy: string[] }).depthBusy = []);
    const look = () => {
      const t = document.querySelector('[data-testid="erf-depth-busy"]')?.textContent;
      if (t && seen[seen.length - 1] !== t) seen.push(t);
      requestAnimationFrame(look);
    };
    look();
  });
  // The depth frames compute by themselves once the figure is on screen; a new point (arrow key) recomputes them.
  await page.getByTestId('erf-click').focus();
  await page.keyboard.press('ArrowUp');
  await page.getByTestId('erf-depth').scrollIntoViewIfNeeded();
  const frames = page.getByTestId('erf-depth-frames');
  const depths = Number(await frames.getAttribute('data-depths'));
  expect(depths).toBe(1 + 1 + 1 + 3 + 1); // the stem, then the bundled vHeat's blocks (depths 1, 1, 3, 1)
  await expect(frames).toHaveAttribute('data-frames', String(depths), SLOW);
  await expect(frames).toHaveAttribute('data-running', 'false');
  await expect(page.getByTestId('erf-ratio-line')).toHaveCount(4);
  await expect(page.getByTestId('erf-ratio-point')).toHaveCount(4 * depths);
  const busy = await page.evaluate(() => (window as unknown as { depthBusy: string[] }).depthBusy);
  console.log('depth progress:', busy.join(' | '));
  expect(busy.some((t) => new RegExp(`block \\d of ${depths}`).test(t))).toBe(true);
  await page.getByTestId('erf-depth-scrub').fill('0');
  await expect(page.getByTestId('erf-depth-label')).toHaveText('stem');
  await page.getByTestId('erf-depth-scrub').fill(String(depths - 1));
  await expect(page.getByTestId('erf-depth-label')).toHaveText('S4.1');
});

test('a new click restarts the depth animation for the new point', async () => {
  const layer = page.getByTestId('erf-click');
  const box = (await layer.boundingBox())!;
  await layer.click({ position: { x: 0.8 * box.width, y: 0.2 * box.height } });
  const frames = page.getByTestId('erf-depth-frames');
  await expect(page.getByTestId('erf-depth')).toContainText(`pixel (${Math.floor(0.2 * side)}, ${Math.floor(0.8 * side)})`);
  await expect(frames).toHaveAttribute('data-point', `${Math.floor(0.2 * side)},${Math.floor(0.8 * side)}`);
  await expect(frames).toHaveAttribute('data-frames', (await frames.getAttribute('data-depths'))!, SLOW);
  await expect(frames).toHaveAttribute('data-running', 'false');
});

test('the averaged ERF is shown in its own figure, not over the current image', async () => {
  const before = await computedCell();
  await page.getByTestId('erf-average').click();
  await expect(page.getByTestId('erf-average-ratios')).toContainText(/mean of \d+ images/, SLOW);
  const figure = page.getByTestId('erf-average-figure');
  await expect(figure.getByTestId('erf-average-map')).toBeVisible();
  // No photo underneath: its only canvas is the map.
  await expect(figure.locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('erf-view').getByTestId('erf-average-map')).toHaveCount(0);
  // The current image's ERF stays the clicked cell's.
  expect(await computedCell()).toBe(before);
});

test('the ERF figure downloads as a PNG', async () => {
  const download = page.waitForEvent('download');
  await page.getByTestId('erf-figure-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync((await file.path())!);
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test('screenshots at 1440 and 400 px wide; nothing of the ERF panel is cut off at 400', async () => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('erf-figure').scrollIntoViewIfNeeded();
  await saveShot(page, 'erf-1440');
  await page.setViewportSize({ width: 400, height: 900 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByText('Area ratio per depth (plot)').click(); // the plot is behind its toggle
  for (const id of ['erf-figure', 'erf-stages', 'erf-depth', 'erf-average-figure', 'erf-ratio-plot']) {
    const b = (await page.getByTestId(id).boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(400);
  }
  await saveShot(page, 'erf-400');
  await page.setViewportSize({ width: 1280, height: 800 });
});
