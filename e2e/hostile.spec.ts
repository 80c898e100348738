// End-to-end: hostile files dropped on the page, and the ways out of an engine that is stuck or failed. The files
// come from the project's own hostile corpus (src/engine/testing/hostileCorpus.ts, generated in memory), the worst
// of each class: object floods, inflation bombs, headers the decoder does not honour, metadata asking for huge
// work, silent acceptance, hostile strings. Each is refused in the page's worker with an error naming the file,
// and the model and image from before keep working.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { hostileCorpus, type HostileFile } from '../src/engine/testing/hostileCorpus';
import { dropBytes, dropFixture, openPlayground, saveShot, selectModel, waitForFreshTop5, waitForResultsOf, type Top5 } from './helpers';

const WORST = [
  'flood-dicts.pth', 'global-os.system.pth', 'padded-storages.pth', 'overlapping-entries.pth',
  'input-size-16384.safetensors', 'nan-weight.safetensors', 'x-and-module-x.safetensors', 'key-5mb.safetensors',
  'wide-40000000x1.png', 'second-ihdr.png', 'interlaced-bomb.png', 'progressive-300-scans.jpg', 'dht-past-length.jpg',
];
/** The page's refusal budget per file: the command line's is 5 s on this machine (BENCHMARKS.md, hostile-files);
 *  the page adds the drop (a data: URL of up to 8 MB through the test's protocol) and a render. */
const REFUSAL_MS = 15_000;
/** errors.ts clips every refusal to one line of this many characters. */
const MAX_MESSAGE = 300;

const read = (path: string) => new Uint8Array(readFileSync(new URL(`../${path}`, import.meta.url)));

let page: Page;
test.afterEach(async () => {
  await page.close();
});

async function corpus(): Promise<HostileFile[]> {
  const all = await hostileCorpus(
    { webModel: read('public/models/hcnet-fashion-mnist.safetensors'), torchModel: read('fixtures/torch/hcnet.pth'), png: read('fixtures/images/coffee.png') },
    { fast: true },
  );
  return WORST.map((name) => {
    const f = all.find((x) => x.name === name);
    if (!f) throw new Error(`${name} is no longer in the hostile corpus: update WORST`);
    return f;
  });
}

/** The model, image and top-5 of a settled page, to compare against after hostile drops or a restart. */
async function settled(): Promise<{ model: string; top: Top5 }> {
  return { model: await page.getByTestId('model-select').inputValue(), top: await waitForFreshTop5(page) };
}

test('the worst hostile files of each class are refused by name, fast, and the model and image from before keep working', async ({ browser }) => {
  page = await openPlayground(browser);
  await dropFixture(page, 'coffee.png');
  const before = { model: await page.getByTestId('model-select').inputValue(), top: await waitForResultsOf(page, 'coffee.png') };
  const times: string[] = [];
  for (const file of await corpus()) {
    const error = page.getByTestId(file.reader === 'model' ? 'model-error' : 'image-error');
    const t0 = Date.now();
    await dropBytes(page, file.name, file.bytes);
    await expect(error, file.name).toContainText(file.name, { timeout: REFUSAL_MS });
    times.push(`${file.name} ${Date.now() - t0} ms`);
    const message = (await error.textContent()) ?? '';
    expect(message.length, `${file.name}: ${message.slice(0, 80)}…`).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(message, file.name).not.toMatch(/\n/);
    // Nothing half-loaded: the picker still shows the model from before, the preview the image from before.
    await expect(page.getByTestId('model-select')).toHaveValue(before.model);
    await expect(page.locator('figcaption', { hasText: 'coffee.png' }).first()).toBeVisible();
  }
  console.log(`refused in the page (drop to error shown): ${times.join(', ')}`);
  await saveShot(page, 'after-hostile-files');
  // The engine still computes, with the same model and image: the same top-5 as before, computed again for a new
  // image (a new id) of the same file, never read back from before the drops.
  const shownId = await page.getByTestId('preview').getAttribute('data-image-id');
  await dropFixture(page, 'coffee.png');
  expect(await waitForResultsOf(page, 'coffee.png', shownId)).toEqual(before.top);
});

test('a model load can be stopped: the engine restarts with the model and image from before', async ({ browser }) => {
  page = await openPlayground(browser);
  const before = await settled();
  // A download that never finishes (a stalled network), in the worker: without a way out the engine would wait forever.
  let stalled = false;
  await page.route('**/models/hcnet-fashion-mnist.safetensors', () => {
    stalled = true; // never answered
  });
  await page.getByTestId('model-select').selectOption('hcnet-fashion-mnist');
  await expect(page.getByTestId('model-progress')).toBeVisible();
  // The progress shows as the load starts; the worker's request reaches the route a moment later.
  await expect.poll(() => stalled).toBe(true);
  await saveShot(page, 'stalled-load');
  await page.getByTestId('model-stop').click();
  const notice = page.getByTestId('engine-restarted');
  await expect(notice).toContainText('Loading HcNet 1.6M');
  await expect(notice).toContainText('was stopped. The engine was restarted with the model vHeat 1.9M');
  await expect(page.getByTestId('model-select')).toHaveValue(before.model);
  await expect(page.getByTestId('model-error')).toHaveCount(0);
  expect(await waitForFreshTop5(page)).toEqual(before.top);
  await saveShot(page, 'stopped-load');
  // The network is back: the same model loads, and the notice goes.
  await page.unroute('**/models/hcnet-fashion-mnist.safetensors');
  await selectModel(page, 'hcnet-fashion-mnist', 'HcNet');
  await expect(notice).toHaveCount(0);
});

test('a worker that fails is replaced: the page says so and goes on with the same model and image', async ({ browser }) => {
  page = await openPlayground(browser);
  const before = await settled();
  await page.evaluate(() => (window as unknown as { heatLabEngine: { call(type: string, payload: object): Promise<unknown> } }).heatLabEngine.call('simulateWorkerFailure', {}));
  await expect(page.getByTestId('engine-restarted')).toContainText('The engine stopped on an error');
  await expect(page.getByTestId('engine-restarted')).toContainText('simulated worker failure');
  expect(await waitForFreshTop5(page)).toEqual(before.top);
  await expect(page.getByTestId('model-select')).toHaveValue(before.model);
});
