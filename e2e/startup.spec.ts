// Start-up order: an image the user drops while the first model is still loading is kept; the default sample image
// (loaded after the model) must not replace it.
import { expect, test } from '@playwright/test';
import { dropFixture, waitForResultsOf } from './helpers';

test('an image dropped while the model loads is not replaced by the default sample', async ({ page }) => {
  // Hold the bundled model's file back until the drop has happened, so the drop surely lands before the model is ready.
  let releaseModel!: () => void;
  const dropped = new Promise<void>((resolve) => (releaseModel = resolve));
  await page.route('**/models/*.safetensors', async (route) => {
    await dropped;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await expect(page.getByTestId('model-card')).toHaveCount(0); // still loading
  await dropFixture(page, 'coffee.png');
  await expect(page.locator('figcaption', { hasText: 'coffee.png' }).first()).toBeVisible();
  releaseModel();
  await expect(page.getByTestId('model-card')).toBeVisible();
  const top = await waitForResultsOf(page, 'coffee.png');
  expect(top.labels).toHaveLength(5);
  // Start-up decides on the sample in the same task that shows the model card, before the dropped image's results
  // can arrive: had it chosen the sample, its image would now be loading ('Reading the image…') or shown.
  await expect(page.getByTestId('drop-zone')).not.toContainText('Reading the image');
  await expect(page.locator('figcaption', { hasText: 'coffee.png' }).first()).toBeVisible();
  const shown = await page.getByTestId('preview').getAttribute('data-image-id');
  await expect(page.getByTestId('top5')).toHaveAttribute('data-image-id', shown!);
});
