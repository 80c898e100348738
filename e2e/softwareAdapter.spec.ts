// On a software adapter (SwiftShader here and on CI) the app takes the CPU path by default, as the kernel-choice
// table says (src/engine/backend/kernelChoice.ts; BENCHMARKS.md, backend-choice), names the adapter it did not use
// and offers WebGPU anyway; ?backend=webgpu takes it.
import { expect, test } from '@playwright/test';
import { dropFixture, waitForResultsOf } from './helpers';

test('on SwiftShader the bundled model runs on the CPU path by default, WebGPU on request', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.getByTestId('backend')).toContainText('wasm');
  await expect(page.getByTestId('cpu-preferred')).toContainText(/software adapter google \/ swiftshader.*CPU path is faster.*row 'swiftshader'/);
  await expect(page.getByTestId('no-webgpu-banner')).toHaveCount(0);
  await expect(page.getByTestId('model-card')).toBeVisible();
  await dropFixture(page, 'coffee.png');
  const top = await waitForResultsOf(page, 'coffee.png');
  expect(top.labels).toHaveLength(5);
  await page.getByTestId('backend').locator('summary').click(); // the reason is behind the disclosure
  await page.getByTestId('cpu-preferred').getByRole('link').click();
  await expect(page.getByTestId('backend')).toContainText('webgpu');
  await expect(page.getByTestId('cpu-preferred')).toHaveCount(0);
  // The link keeps the page as it was (here the language the reader chose), with backend=webgpu added.
  await expect(page).toHaveURL(/[?&]lang=en(&|#|$)/);
  await expect(page).toHaveURL(/[?&]backend=webgpu(&|#|$)/);
});
