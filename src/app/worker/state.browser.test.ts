// The worker's engine state and its handlers in the page (images decode with createImageBitmap, the browser cache is
// IndexedDB, as in the worker), on the tfjs cpu backend: the model and image the state holds, the id results carry,
// the forward cache, the error paths, and a load from the browser cache whose progress never goes back.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors';
import coffeeUrl from '../../../fixtures/images/coffee.png?url';
import rocketUrl from '../../../fixtures/images/rocket.jpg?url';
import truncatedUrl from '../../../fixtures/images/truncated.jpg?url';
import vheatPthUrl from '../../../fixtures/parity/vheat_pre.pth?url';
import { stateHandlers } from './handlers';
import { currentImageInfo, setImage } from './handlers/image';
import { rebuildAfterDeviceLoss } from './handlers/model';
import type { Progress } from './loadProgress';
import { workerText } from '../i18n/workerText';
import { deleteConverted } from './modelCache';
import { convertedFileKey, type DiffusivityScale, type LoadProgressEvent } from './protocol';
import { createEngineState } from './state';

const one: DiffusivityScale = { global: 1, perStage: [1, 1, 1, 1] };
const none: Progress = () => {};
const state = createEngineState();
const engine = stateHandlers(state);
const predict = (diffusivity = one) => engine.predict({ diffusivity }, none);
const imageFromUrl = (url: string, name: string) => engine.setImage({ source: { kind: 'url', url, name } }, none);

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  await tf.ready();
});

// One state for the file: the tests build on each other's state in order, each stating what it starts from.
describe('engine state', () => {
  it('refuses to predict or analyse before a model is loaded', async () => {
    await expect(predict()).rejects.toThrow('no model is loaded');
    await expect(engine.erf({ stage: 0, row: 0, col: 0, diffusivity: one }, none)).rejects.toThrow('no model is loaded');
    expect(currentImageInfo(state)).toBeNull();
  });

  it('loads a model with progress up to ready, and without an image still refuses to predict', async () => {
    const steps: [number, string][] = [];
    const { model: info } = await engine.loadModel({ source: { kind: 'random', id: 'random-vheat-tiny' } }, (f, label) => steps.push([f, workerText(label)]));
    expect(info).toMatchObject({ id: 'random-vheat-tiny', stageSides: [8, 4, 2, 1] });
    expect(info.labels).toHaveLength(10);
    expect(steps.at(-1)).toEqual([1, 'ready']);
    for (let i = 1; i < steps.length; i++) expect(steps[i][0]).toBeGreaterThanOrEqual(steps[i - 1][0]);
    expect(currentImageInfo(state)).toBeNull();
    await expect(predict()).rejects.toThrow('no image is loaded');
  });

  it('each new image gets a new id, and predictions carry the id of the image they were computed on', async () => {
    const coffee = await imageFromUrl(coffeeUrl, 'coffee.png');
    expect(coffee).toMatchObject({ name: 'coffee.png', inputSize: 32 });
    expect(coffee.modelInput).toHaveLength(32 * 32 * 4);
    const onCoffee = await predict();
    expect(onCoffee.imageId).toBe(coffee.id);
    expect(onCoffee.top).toHaveLength(5);
    // softmax in float64 of float32 logits over 10 classes: the sum is 1 up to rounding
    expect(Math.abs(onCoffee.probabilitySum - 1)).toBeLessThan(1e-5);
    for (let i = 1; i < 5; i++) expect(onCoffee.top[i].probability).toBeLessThanOrEqual(onCoffee.top[i - 1].probability);
    const rocket = await imageFromUrl(rocketUrl, 'rocket.jpg');
    expect(rocket.id).toBeGreaterThan(coffee.id);
    expect((await predict()).imageId).toBe(rocket.id);
  });

  it('a broken image is refused with an input error naming it; the previous image and its id stay', async () => {
    const before = currentImageInfo(state)!;
    const broken = await imageFromUrl(truncatedUrl, 'truncated.jpg').catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(InputError);
    expect((broken as InputError).file).toBe('truncated.jpg');
    await expect(setImage(state, new Uint8Array([1, 2, 3, 4]), 'junk.png')).rejects.toBeInstanceOf(InputError);
    expect(currentImageInfo(state)).toMatchObject({ id: before.id, name: 'rocket.jpg' });
    expect((await predict()).imageId).toBe(before.id);
  });

  it('a model that cannot be loaded leaves the previous one in place', async () => {
    const before = await predict();
    // A typed refusal naming what was asked for (code 'usage'), not the wording.
    await expect(engine.loadModel({ source: { kind: 'random', id: 'no-such-model' } }, none)).rejects.toMatchObject({ file: 'no-such-model', code: 'usage' });
    expect(await predict()).toMatchObject({ imageId: before.imageId, top: before.top });
  });

  it('a new model re-makes the input under a new id; a device-loss rebuild keeps the id and the results', async () => {
    const before = currentImageInfo(state)!;
    await engine.loadModel({ source: { kind: 'random', id: 'random-hcnet-tiny' } }, none);
    const after = currentImageInfo(state)!;
    expect(after.id).toBeGreaterThan(before.id);
    const predicted = await predict();
    expect(predicted.imageId).toBe(after.id);
    rebuildAfterDeviceLoss(state);
    expect(state.forwards.size).toBe(0);
    expect(currentImageInfo(state)!.id).toBe(after.id);
    const rebuilt = await predict();
    expect(rebuilt.imageId).toBe(after.id);
    // The same weights and input on the same backend: the same numbers, bit for bit.
    expect(rebuilt.top).toEqual(predicted.top);
  });

  it('leaves the tensor count flat across predictions and analyses', async () => {
    await engine.loadModel({ source: { kind: 'random', id: 'random-vheat-tiny' } }, none);
    const step = async (global: number) => {
      const d: DiffusivityScale = { global, perStage: [1, 1, 1, 1] };
      await predict(d);
      await engine.erf({ stage: 1, row: 10, col: 20, diffusivity: d }, none);
      await engine.heatFrames({ stage: 0, block: 0, diffusivity: d, mode: { kind: 'energy' }, times: [0, 1, 2] }, none);
      await engine.pointResponse({ stage: 1, block: 0, diffusivity: d, row: 3, col: 3, channel: null }, none);
    };
    // Two positions fill the forward cache (its entries are the same size for every position).
    await step(1);
    await step(3);
    const settled = (await engine.memory({}, none)).numTensors;
    for (const global of [0, 0.5, 2]) await step(global);
    expect(await engine.memory({}, none)).toMatchObject({ numTensors: settled, backend: 'cpu', cachedForwards: 2 });
  });

  it('a model from the browser cache (after a dropped file was converted into it) loads with progress that never goes back', async () => {
    const bytes = new Uint8Array(await (await fetch(vheatPthUrl)).arrayBuffer());
    const file = new File([bytes], 'vheat_pre.pth');
    await engine.loadModel({ source: { kind: 'file', file } }, none);
    const id = convertedFileKey(file.name, file.size);
    const steps: { fraction: number; event?: LoadProgressEvent }[] = [];
    try {
      await engine.loadModel({ source: { kind: 'cached', id } }, (fraction, _label, event) => steps.push({ fraction, event }));
    } finally {
      await deleteConverted(id);
    }
    for (let i = 1; i < steps.length; i++) expect(steps[i].fraction).toBeGreaterThanOrEqual(steps[i - 1].fraction);
    const events = steps.flatMap((s) => (s.event ? [s.event] : []));
    for (let i = 1; i < events.length; i++) expect(events[i].loaded).toBeGreaterThanOrEqual(events[i - 1].loaded);
    expect(events[0]).toMatchObject({ stage: 'initiate', file: id });
    expect(events.filter((e) => e.stage === 'progress').length).toBeGreaterThan(1);
    expect(steps.at(-1)).toMatchObject({ fraction: 1, event: { stage: 'done', file: id } });
  });
});
