// Slider responsiveness (issue 19): the playground in an iframe of the bench page, one step of the global
// diffusivity slider (one position, what one arrow key does), timed from the step to
//   prediction  the top-5 settled (no aria-busy on it, no "updating..." beside it)
//   all         every figure on the page settled (no aria-busy anywhere, no "updating..." hint)
// Median of 5 steps after 1 untimed step, each step one position further right (no value repeats, so no cache of
// an earlier value can answer). Model: the bundled one (the page's default); image: the page's default sample.
// Options: erf=1 also places the ERF point (p=14,14 in the URL), so the ERF figures recompute too;
// model=<id> opens that model id (one dropped earlier and cached, or random-vheat-t: vHeat-T at 224 with random weights).
import type { BenchContext, BenchRow } from '../../src/benchmark/types';
import { rowFromSamples } from '../../src/benchmark/measure';

const STEPS = 5;
const WARMUP = 1;
const SETTLE_TIMEOUT_MS = 10 * 60 * 1000;

function settled(doc: Document, what: 'prediction' | 'all'): boolean {
  if (what === 'prediction') {
    const top5 = doc.querySelector('[data-testid="top5"]');
    return top5 !== null && !top5.hasAttribute('aria-busy') && doc.querySelector('[data-testid="prediction-updating"]') === null;
  }
  return doc.querySelector('[aria-busy="true"]') === null && doc.querySelector('.updating') === null;
}

/** Resolves when `test` holds, checked on every DOM change (and every 20 ms, for changes outside the DOM). */
function when(doc: Document, test: () => boolean, label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = () => {
      if (!test()) return;
      const at = performance.now();
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(limit);
      resolve(at);
    };
    const observer = new MutationObserver(done);
    observer.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
    const poll = setInterval(done, 20);
    const limit = setTimeout(() => {
      observer.disconnect();
      clearInterval(poll);
      reject(new Error(`slider-response: ${label} did not happen in ${SETTLE_TIMEOUT_MS} ms`));
    }, SETTLE_TIMEOUT_MS);
    done();
  });
}

async function openPlayground(query: string): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.style.width = '1440px';
  frame.style.height = '1000px';
  frame.src = `/${query}`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const doc = frame.contentDocument!;
  await when(doc, () => doc.querySelector('[data-testid="top5"]') !== null && doc.querySelector('[data-testid="heat-frame"]') !== null && settled(doc, 'all'), 'the first results');
  return doc;
}

/** One position right on the global slider, as the browser does for an arrow key (value set, input event). */
function stepSlider(doc: Document): void {
  const input = doc.querySelector<HTMLInputElement>('[data-testid="global-diffusivity"]')!;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setValue.call(input, String(Number(input.value) + 1));
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export default async function sliderResponse(ctx: BenchContext): Promise<BenchRow[]> {
  const erf = ctx.options.erf === '1';
  const params = new URLSearchParams();
  if (ctx.options.model) params.set('model', ctx.options.model);
  // The random-weight models (e.g. random-vheat-t, full size) are offered with ?dev only.
  if (ctx.options.model?.startsWith('random-')) params.set('dev', '');
  if (erf) params.set('p', '14,14');
  const query = params.size ? `?${params}` : '';
  const doc = await openPlayground(query);
  const prediction: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < WARMUP + STEPS; i++) {
    const t0 = performance.now();
    stepSlider(doc);
    // The step is seen once something is marked busy; then both ends are waited for.
    await when(doc, () => !settled(doc, 'all'), 'a busy mark after the step');
    const [tPrediction, tAll] = await Promise.all([when(doc, () => settled(doc, 'prediction'), 'the prediction'), when(doc, () => settled(doc, 'all'), 'every figure')]);
    ctx.log(`step ${i + 1}: prediction ${(tPrediction - t0).toFixed(0)} ms, every figure ${(tAll - t0).toFixed(0)} ms${i < WARMUP ? ' (untimed)' : ''}`);
    if (i < WARMUP) continue;
    prediction.push(tPrediction - t0);
    all.push(tAll - t0);
  }
  const p = { model: ctx.options.model ?? 'bundled (default)', erfPoint: erf, steps: STEPS };
  return [rowFromSamples('prediction settled', p, prediction, WARMUP), rowFromSamples('every figure settled', p, all, WARMUP)];
}
