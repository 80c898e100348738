// Helpers for the playground end-to-end tests: real drag-and-drop of fixture files, reading results.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

export const FIXTURES = fileURLToPath(new URL('../fixtures/images', import.meta.url));

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/**
 * Drops a fixture file on the drop zone with a DataTransfer built in the page (dragenter, dragover, drop).
 * `name` is a file of fixtures/images, or a path from the repository root when it contains a '/'.
 */
export async function dropFixture(page: Page, path: string): Promise<void> {
  const file = path.includes('/') ? fileURLToPath(new URL(`../${path}`, import.meta.url)) : join(FIXTURES, path);
  const name = path.split('/').pop()!;
  const base64 = readFileSync(file).toString('base64');
  const type = MIME[name.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const bin = atob(base64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type }));
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

/** Waits until the top-5 list shows results computed for the image now shown, which must be `name`. */
export async function waitForResultsOf(page: Page, name: string): Promise<Top5> {
  await expect(page.locator('figcaption', { hasText: name }).first()).toBeVisible();
  const imageId = await page.getByTestId('preview').getAttribute('data-image-id');
  await expect(page.getByTestId('top5')).toHaveAttribute('data-image-id', imageId!);
  await expect(page.getByTestId('top5').locator('li')).toHaveCount(5);
  return readTop5(page);
}

export async function ratio(page: Page, percent: number): Promise<number> {
  return Number(await page.getByTestId(`erf-ratio-${percent}`).getAttribute('data-ratio'));
}

/** Pixels of a canvas (RGBA) read in the page. */
export async function canvasPixels(page: Page, testId: string): Promise<number[]> {
  return page.getByTestId(testId).evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data));
}
