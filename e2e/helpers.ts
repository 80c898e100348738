// Helpers for the playground end-to-end tests: real drag-and-drop of fixture files, reading results.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';

export const FIXTURES = fileURLToPath(new URL('../fixtures/images', import.meta.url));

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/**
 * Drops a fixture file on the drop zone (see dropBytes).
 * `name` is a file of fixtures/images, or a path from the repository root when it contains a '/'.
 */
export async function dropFixture(page: Page, path: string): Promise<void> {
  const file = path.includes('/') ? fileURLToPath(new URL(`../${path}`, import.meta.url)) : join(FIXTURES, path);
  await dropBytes(page, path.split('/').pop()!, readFileSync(file));
}

/** Drops a file with these bytes on the drop zone, with a DataTransfer built in the page (dragenter, dragover, drop). */
export async function dropBytes(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const type = MIME[name.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
  // The bytes are decoded by fetching a data: URL, not by a loop in page script: the drop should cost the
  // page's main thread no more than a real one (the responsiveness test measures its long tasks).
  const dataTransfer = await page.evaluateHandle(
    async ({ base64, name, type }) => {
      const blob = await (await fetch(`data:${type};base64,${base64}`)).blob();
      const dt = new DataTransfer();
      dt.items.add(new File([blob], name, { type }));
      return dt;
    },
    { base64, name, type },
  );
  const zone = page.getByTestId('drop-zone');
  for (const ev of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(ev, { dataTransfer });
  await dataTransfer.dispose();
}

export interface Top5 {
  labels: string[];
  probabilities: number[];
  sum: number;
}

export async function readTop5(page: Page): Promise<Top5> {
  const list = page.getByTestId('top5');
  const items = list.locator('li');
  const n = await items.count();
  const labels: string[] = [];
  const probabilities: number[] = [];
  for (let i = 0; i < n; i++) {
    labels.push((await items.nth(i).getAttribute('data-label')) ?? '');
    probabilities.push(Number(await items.nth(i).getAttribute('data-probability')));
  }
  return { labels, probabilities, sum: Number(await list.getAttribute('data-sum')) };
}

/**
 * Waits until the top-5 list shows results computed for the image now shown, which must be `name`. After a drop of a
 * file with the same name as the image shown, pass the shown image's id as `replacing`: the wait is then for a new
 * image (a new id) and a new prediction of it, never the results from before.
 */
export async function waitForResultsOf(page: Page, name: string, replacing?: string | null): Promise<Top5> {
  await expect(page.locator('figcaption', { hasText: name }).first()).toBeVisible();
  if (replacing !== undefined) await expect(page.getByTestId('preview')).not.toHaveAttribute('data-image-id', replacing ?? '');
  const imageId = await page.getByTestId('preview').getAttribute('data-image-id');
  await expect(page.getByTestId('top5')).toHaveAttribute('data-image-id', imageId!);
  await expect(page.getByTestId('top5').locator('li')).toHaveCount(5);
  return readTop5(page);
}

/**
 * The bundled models' known answer on a Fashion-MNIST sample: `vheat predict --model public/models/<id>.safetensors
 * public/samples/fashion/fashion-1-trouser.png` gives Trouser at 0.915 (vHeat) and 0.912 (HcNet), the runner-up at
 * 0.01. The page must give the same class, its probability within 0.03 (resize in the browser vs the CLI, float32 on
 * another backend) and a margin over the runner-up of at least 0.8: weights that are not the trained ones fail.
 */
export const KNOWN_SAMPLE = { path: 'public/samples/fashion/fashion-1-trouser.png', name: 'fashion-1-trouser.png', label: 'Trouser', probability: { vheat: 0.915, hcnet: 0.912 } };

export function expectKnownClass(top: Top5, family: keyof typeof KNOWN_SAMPLE.probability): void {
  expect(top.labels[0], top.labels.join(', ')).toBe(KNOWN_SAMPLE.label);
  expect(Math.abs(top.probabilities[0] - KNOWN_SAMPLE.probability[family]), `${top.probabilities}`).toBeLessThan(0.03);
  expect(top.probabilities[0] - top.probabilities[1]).toBeGreaterThan(0.8);
  expect(Math.abs(top.sum - 1)).toBeLessThan(1e-4);
}

/** An ERF area ratio shown in a table: `figure` 'erf' (the current image's) or 'erf-average'. */
export async function ratio(page: Page, percent: number, figure = 'erf'): Promise<number> {
  return Number(await page.getByTestId(`${figure}-ratio-${percent}`).getAttribute('data-ratio'));
}

/** Pixels of a canvas (RGBA) read in the page. */
export async function canvasPixels(page: Page, testId: string): Promise<number[]> {
  return page.getByTestId(testId).evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data));
}

/** A new page on the playground, once the WebGPU backend and the first model are up; page errors are logged. */
export async function openPlayground(browser: Browser, init?: () => void): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.log('page error:', e.message));
  if (init) await page.addInitScript(init);
  // ?backend=webgpu: these tests are about the WebGPU path, which the app leaves on SwiftShader by default.
  await page.goto('/?backend=webgpu');
  await expect(page.getByTestId('backend')).toContainText('webgpu');
  await expect(page.getByTestId('model-card')).toBeVisible();
  return page;
}

/** A full-page screenshot kept with the test's artefacts (test-results/<test>/<name>.png). */
export async function saveShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** Switches to a model of the picker by its option id and waits for its card. */
export async function selectModel(page: Page, id: string, family: 'vHeat' | 'HcNet'): Promise<void> {
  await page.getByTestId('model-select').selectOption(id);
  await expect(page.getByTestId('model-select')).toHaveValue(id);
  await expect(page.getByTestId('model-card')).toContainText(family);
}

/** Waits until the top-5 list shows a result for the image on screen that is newer than `after` (its data). */
export async function waitForFreshTop5(page: Page, after?: Top5): Promise<Top5> {
  const imageId = await page.getByTestId('preview').getAttribute('data-image-id');
  await expect(page.getByTestId('top5')).toHaveAttribute('data-image-id', imageId!);
  await expect(page.getByTestId('top5').locator('li')).toHaveCount(5);
  if (after) await expect.poll(async () => JSON.stringify(await readTop5(page))).not.toBe(JSON.stringify(after));
  return readTop5(page);
}

/** Opens the heat view's "View options" (channel mode, colour scale) and "Display" (rendering, opacity), closed by default. */
export async function openHeatOptions(page: Page): Promise<void> {
  for (const id of ['heat-options', 'display-options']) await page.getByTestId(id).evaluate((d) => ((d as HTMLDetailsElement).open = true));
}
