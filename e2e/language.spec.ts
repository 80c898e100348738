// End-to-end: the page in Simplified Chinese. Opened with ?lang=zh-CN it shows no English word outside names, units
// and data (screenshots at 1440 and 400 px, nothing wider than a phone); the switch turns it back to English and the
// URL keeps the choice; a browser that prefers Chinese gets Chinese without ?lang=.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { saveShot, waitForFreshTop5 } from './helpers';

const ZH_CATALOGUE = 'src/app/i18n/locales/zh-CN';

/** Latin words of a text (as the catalogue test reads them): letters, digits and hyphens after a letter. */
const latinWords = (text: string) => text.match(/[A-Za-z][A-Za-z0-9-]*/g) ?? [];

/**
 * The Latin words the Chinese page may show:
 * - those the Chinese catalogue itself uses (names, formats, units: vHeat, WebGPU, PNG, px ...; the catalogue test
 *   checks that every Latin word there is one of its names and units);
 * - data: the bundled models' titles (public/models/index.json) and the sample images' titles
 *   (public/samples/photos/index.json), which name data sets and the photos' sources, as written;
 * - the Fashion-MNIST class labels: they come from the model files (the top-5 list shows them as the model names them);
 * - the names of the sample files (fashion-1-trouser.png) shown under the picture: file names are data.
 */
function allowedWords(): Set<string> {
  const allowed = new Set<string>();
  const add = (text: string) => latinWords(text.replace(/\{\{[^}]*\}\}/g, ' ')).forEach((w) => w.split('-').concat(w).forEach((p) => allowed.add(p)));
  for (const file of readdirSync(ZH_CATALOGUE)) add(readFileSync(join(ZH_CATALOGUE, file), 'utf8'));
  const models = JSON.parse(readFileSync('public/models/index.json', 'utf8')) as { title: string }[];
  const samples = JSON.parse(readFileSync('public/samples/photos/index.json', 'utf8')) as { title: string; file: string }[];
  for (const m of models) add(m.title);
  for (const s of samples) add(`${s.title} ${s.file.split('/').pop()}`);
  add('T-shirt/top Trouser Pullover Dress Coat Sandal Shirt Sneaker Bag Ankle boot');
  return allowed;
}

/** Each visible text node with Latin words the allowlist lacks: `words  «the text»`. Single letters are symbols (t, k, n). */
async function englishLeft(page: Page, allowed: Set<string>): Promise<string[]> {
  const texts = await page.evaluate(() => {
    // The content of a closed <details> (its summary excepted) is not shown.
    const inClosedDetails = (el: Element) => {
      for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) {
        const summary = d.querySelector(':scope > summary');
        if (!d.open && !summary?.contains(el)) return true;
      }
      return false;
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!el || !text || el.closest('script, style, noscript')) continue;
      // A closed <select> shows its chosen option only.
      const option = el.closest('option');
      if (option && !option.selected) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: false }) || inClosedDetails(el)) continue;
      out.push(text);
    }
    return out;
  });
  const left: string[] = [];
  for (const text of texts) {
    const words = latinWords(text).filter((w) => w.length > 1 && !allowed.has(w) && !w.split('-').every((p) => allowed.has(p) || /^\d*$/.test(p)));
    if (words.length > 0) left.push(`${words.join(' ')}  «${text.slice(0, 80)}»`);
  }
  return left;
}

async function openChinese(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await page.goto('/?lang=zh-CN');
  await expect(page.getByTestId('model-card')).toBeAttached();
  await waitForFreshTop5(page);
}

test('?lang=zh-CN: the page in Chinese, no English left, nothing wider than 400 px; the switch brings English back and the URL keeps it', async ({ page }) => {
  await openChinese(page, 1440, 1000);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const languageSwitch = page.getByTestId('language-switch');
  await expect(languageSwitch).toHaveValue('zh-CN');
  await expect(languageSwitch.locator('option:checked')).toHaveText('简体中文');
  await expect(page).toHaveTitle(/浏览器/);
  await saveShot(page, 'zh-CN-1440');
  const allowed = allowedWords();
  const left1440 = await englishLeft(page, allowed);
  console.log(`1440 px: ${left1440.length} text nodes with English left\n${left1440.join('\n')}`);

  await page.setViewportSize({ width: 400, height: 900 });
  await saveShot(page, 'zh-CN-400');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  const left400 = await englishLeft(page, allowed);
  console.log(`400 px: scroll width ${overflow} px, ${left400.length} text nodes with English left`);
  expect(left1440).toEqual([]);
  expect(left400).toEqual([]);
  expect(overflow).toBeLessThanOrEqual(400);

  // The prediction's heading is Chinese now, English after the switch, and the URL keeps the choice.
  const heading = page.locator('#predictions-title');
  await expect(heading).not.toHaveText('Prediction');
  await languageSwitch.selectOption('en');
  await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(heading).toHaveText('Prediction');
  await expect(languageSwitch.locator('option:checked')).toHaveText('English');
});

test('a browser that prefers Chinese opens the page in Chinese without ?lang=, and the URL stays as it was', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('language-switch')).toHaveValue('zh-CN');
  await expect(page).toHaveTitle(/浏览器/);
  await expect(page.getByTestId('model-card')).toBeAttached();
  // Not chosen by the reader: the language is not written into the URL.
  expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
  await context.close();
});
