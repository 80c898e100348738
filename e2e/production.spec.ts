// The production build as a user deploys it (`npm run build`, served by `vite preview` with the README's two
// headers): hashed worker and wasm assets, the bundled model fetched from dist/, classification on WebGPU and on the
// CPU fallback. The other specs run against the dev server, which resolves modules one by one.
import { chromium, expect, test } from '@playwright/test';
// @ts-expect-error plain JS helper shared with the configs
import { chromiumArgs, findChromium } from '../tools/browser/chromium.mjs';
import { dropFixture, expectKnownClass, KNOWN_SAMPLE, waitForResultsOf } from './helpers';

const previewUrl = `http://127.0.0.1:${Number(process.env.E2E_PREVIEW_PORT ?? 5198)}/`;

for (const disableWebGPU of [false, true]) {
  test(`the built app classifies a dropped photo ${disableWebGPU ? 'on the CPU fallback (tfjs-wasm)' : 'on WebGPU'}`, async () => {
    const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs({ disableWebGPU }) });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const response = await page.goto(disableWebGPU ? previewUrl : `${previewUrl}?backend=webgpu`);
      // The headers that make the page cross-origin isolated (threads for the CPU fallback) come with the build.
      expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
      expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
      // The production bundle: no Vite dev client, hashed assets.
      expect(await page.locator('script[src*="@vite/client"]').count()).toBe(0);
      await expect(page.getByTestId('backend')).toContainText(disableWebGPU ? 'wasm' : 'webgpu');
      await expect(page.getByTestId('model-card')).toContainText('vHeat');
      await dropFixture(page, KNOWN_SAMPLE.path);
      expectKnownClass(await waitForResultsOf(page, KNOWN_SAMPLE.name), 'vheat');
      expect(errors).toEqual([]);
      await page.screenshot({ path: test.info().outputPath('production.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
}
