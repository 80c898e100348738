// The page and the command line give the same numbers: the worker's request handlers (what the page
// calls: erf, heatFrames, spectrum) and `vheat erf / heat / spectrum` on the same model file, image and settings,
// both on the tfjs CPU backend in this process. The CLI writes raw values; the page's maps are their display
// form (log10(1 + g) / max for the ERF, each component scaled by its range over all frames, k by its range),
// so the CLI's numbers are put in that form here and compared.

import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stateHandlers } from '../app/worker/handlers';
import { setDecodedImage } from '../app/worker/handlers/image';
import { createEngineState } from '../app/worker/state';
import { imageToStagePosition, logNormalised } from '../engine/analysis';
import type { DiffusivityScale } from '../engine/models/model';
import { decodeImage } from './imageFile';
import { readNpy } from './npy';
import { parityFixture as modelFile, repoRoot, runCli, testFolder } from './testing/cliRun';

const imagePath = join(repoRoot, 'fixtures/images/coffee.png');
const tmp = testFolder('vheat-page-');
const state = createEngineState();
const engine = stateHandlers(state);

async function cli(...argv: string[]): Promise<Record<string, unknown> & { componentRanges: [number, number][]; range: [number, number] }> {
  const { code, out, err } = await runCli(...argv);
  expect(code, err).toBe(0);
  return JSON.parse(out);
}

const npyData = (path: string) => readNpy(new Uint8Array(readFileSync(path)), path).data;

async function loadIntoSession(name: string): Promise<void> {
  // The page's own path for a dropped file; its IndexedDB cache is absent in Node (the save fails with a warning).
  const warn = console.warn;
  console.warn = () => {};
  try {
    await engine.loadModel({ source: { kind: 'file', file: new File([readFileSync(modelFile(name))], name) } }, () => {});
  } finally {
    console.warn = warn;
  }
  setDecodedImage(state, decodeImage(new Uint8Array(readFileSync(imagePath)), 'coffee.png'), 'coffee.png');
}

/** The CLI's flags for the page's diffusivity sliders. */
const sliderFlags = (d: DiffusivityScale) => ['--diffusivity', String(d.global), ...d.perStage.flatMap((s, i) => ['--diffusivity-stage', `${i + 1}=${s}`])];

/** Values scaled by [lo, hi] into float32 as the page's map stacks are (0.5 where the range is empty). */
const scaled = (data: Float32Array, [lo, hi]: [number, number]) => Array.from(Float32Array.from(data, (v) => (hi > lo ? (v - lo) / (hi - lo) : 0.5)));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('page (worker handlers) and command line: same numbers', () => {
  const sliders: DiffusivityScale = { global: 0.8, perStage: [1, 1.5, 1, 1] };
  const hcnetSliders: DiffusivityScale = { global: 0.8, perStage: [1, 1.5, 1] };

  it('vHeat: ERF at a clicked pixel, heat frames (energy and PCA), spectrum', async () => {
    await loadIntoSession('vheat_pre.pth');
    const common = ['--model', modelFile('vheat_pre.pth'), '--backend', 'cpu'];
    const stage = 1;
    const pixel = { row: 9, col: 22 };
    const page = await engine.erf({ stage, row: pixel.row, col: pixel.col, diffusivity: sliders }, () => {});
    const point = imageToStagePosition(pixel, 32, 32, stage);
    const out = join(tmp, 'erf.npy');
    const json = await cli('erf', ...common, '--stage', String(stage + 1), '--point', `${point.row},${point.col}`, ...sliderFlags(sliders), imagePath, '-o', out);
    expect(json.imagePosition).toEqual({ row: page.row, col: page.col });
    // Same backend, same engine functions on the same input: equal to the last bit.
    expect(Array.from(logNormalised(npyData(out)))).toEqual(Array.from(page.map.data));
    const cliRatios = json.areaRatios as { threshold: number; areaRatio: number }[];
    for (const r of page.ratios) expect(cliRatios.find((c) => c.threshold === r.threshold)?.areaRatio).toBe(r.areaRatio);

    const times = [0, 0.5, 1, 3];
    for (const mode of [{ kind: 'energy' }, { kind: 'pca' }] as const) {
      const frames = await engine.heatFrames({ stage: 2, block: 1, diffusivity: sliders, mode, times }, () => {});
      const f = join(tmp, `heat.${mode.kind}.npy`);
      const h = await cli('heat', ...common, '--stage', '3', '--block', '2', '--times', times.join(','), '--channels', mode.kind, ...sliderFlags(sliders), imagePath, '-o', f);
      const raw = npyData(f);
      const k = h.componentRanges.length;
      const want = Array.from(raw, (v, i) => scaled(Float32Array.of(v), h.componentRanges[i % k])[0]);
      // Same engine functions on the same backend and input; only the scaling differs in form: equal to the last bit.
      expect(want).toEqual(Array.from(frames.maps.data));
      expect(h.scale).toBe(frames.scale);
    }

    const spectrum = await engine.spectrum({ stage: 0, block: 0, channel: null }, () => {});
    const s = join(tmp, 'k.npy');
    const k = await cli('spectrum', ...common, '--stage', '1', '--block', '1', '--mean', '-o', s);
    expect(k.range).toEqual([spectrum.min, spectrum.max]);
    expect(scaled(npyData(s), k.range)).toEqual(Array.from(spectrum.map.data));
  });

  it('HcNet: explicit heat steps', async () => {
    await loadIntoSession('hcnet.pth');
    const steps = Array.from({ length: 13 }, (_, i) => i); // the page records every step up to the largest
    const frames = await engine.heatFrames({ stage: 1, block: 0, diffusivity: hcnetSliders, mode: { kind: 'energy' }, times: [0, 12] }, () => {});
    const f = join(tmp, 'steps.npy');
    const h = await cli('heat', '--model', modelFile('hcnet.pth'), '--backend', 'cpu', '--stage', '2', '--block', '1', '--steps', steps.join(','), ...sliderFlags(hcnetSliders), imagePath, '-o', f);
    expect(frames.times).toEqual(steps);
    expect(scaled(npyData(f), h.componentRanges[0])).toEqual(Array.from(frames.maps.data));
  });
});
