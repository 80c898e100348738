// The worker's session module in the page (it decodes images with createImageBitmap, as in the worker), on the
// tfjs cpu backend: the model and image it holds, the generation id its results carry, and its error paths.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors';
import coffeeUrl from '../../../fixtures/images/coffee.png?url';
import rocketUrl from '../../../fixtures/images/rocket.jpg?url';
import truncatedUrl from '../../../fixtures/images/truncated.jpg?url';
import type { DiffusivityScale } from './protocol';
import * as session from './session';

const one: DiffusivityScale = { global: 1, perStage: [1, 1, 1, 1] };
const ignoreProgress: session.Progress = () => {};

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  await tf.ready();
});

// One session per page: the tests build on each other's state in order, each stating what it starts from.
describe('session', () => {
  it('refuses to predict or analyse before a model is loaded', async () => {
    await expect(session.predict(one)).rejects.toThrow('no model is loaded');
    await expect(session.erf(0, 0, 0, one)).rejects.toThrow('no model is loaded');
    expect(session.currentImageInfo()).toBeNull();
  });

  it('loads a model with progress up to ready, and without an image still refuses to predict', async () => {
    const steps: [number, string][] = [];
    const info = await session.loadModel({ kind: 'random', id: 'random-vheat-tiny' }, (f, label) => steps.push([f, label]));
    expect(info).toMatchObject({ id: 'random-vheat-tiny', stageSides: [8, 4, 2, 1] });
    expect(info.labels).toHaveLength(10);
    expect(steps.at(-1)).toEqual([1, 'ready']);
    for (let i = 1; i < steps.length; i++) expect(steps[i][0]).toBeGreaterThanOrEqual(steps[i - 1][0]);
    expect(session.currentImageInfo()).toBeNull();
    await expect(session.predict(one)).rejects.toThrow('no image is loaded');
  });

  it('each new image gets a new id, and predictions carry the id of the image they were computed on', async () => {
    const coffee = await session.setImageFromUrl(coffeeUrl, 'coffee.png');
    expect(coffee).toMatchObject({ name: 'coffee.png', inputSize: 32 });
    expect(coffee.modelInput).toHaveLength(32 * 32 * 4);
    const onCoffee = await session.predict(one);
    expect(onCoffee.imageId).toBe(coffee.id);
    expect(onCoffee.top).toHaveLength(5);
    // softmax in float32 over 10 classes: the sum is 1 up to ~1e-7 per class
    expect(Math.abs(onCoffee.probabilitySum - 1)).toBeLessThan(1e-5);
    for (let i = 1; i < 5; i++) expect(onCoffee.top[i].probability).toBeLessThanOrEqual(onCoffee.top[i - 1].probability);
    const rocket = await session.setImageFromUrl(rocketUrl, 'rocket.jpg');
    expect(rocket.id).toBeGreaterThan(coffee.id);
    expect((await session.predict(one)).imageId).toBe(rocket.id);
  });

  it('a broken image is refused with an input error naming it; the previous image and its id stay', async () => {
    const before = session.currentImageInfo()!;
    const broken = await session.setImageFromUrl(truncatedUrl, 'truncated.jpg').catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(InputError);
    expect((broken as InputError).file).toBe('truncated.jpg');
    await expect(session.setImage(new Uint8Array([1, 2, 3, 4]), 'junk.png')).rejects.toBeInstanceOf(InputError);
    expect(session.currentImageInfo()).toMatchObject({ id: before.id, name: 'rocket.jpg' });
    expect((await session.predict(one)).imageId).toBe(before.id);
  });

  it('a model that cannot be loaded leaves the previous one in place', async () => {
    const before = await session.predict(one);
    // A typed refusal naming what was asked for (code 'usage'), not the wording.
    await expect(session.loadModel({ kind: 'random', id: 'no-such-model' }, ignoreProgress)).rejects.toMatchObject({ file: 'no-such-model', code: 'usage' });
    expect(await session.predict(one)).toMatchObject({ imageId: before.imageId, top: before.top });
  });

  it('a new model re-makes the input under a new id; a device-loss rebuild keeps the id and the results', async () => {
    const before = session.currentImageInfo()!;
    await session.loadModel({ kind: 'random', id: 'random-hcnet-tiny' }, ignoreProgress);
    const after = session.currentImageInfo()!;
    expect(after.id).toBeGreaterThan(before.id);
    const predicted = await session.predict(one);
    expect(predicted.imageId).toBe(after.id);
    session.rebuildAfterDeviceLoss();
    expect(session.currentImageInfo()!.id).toBe(after.id);
    const rebuilt = await session.predict(one);
    expect(rebuilt.imageId).toBe(after.id);
    // The same weights and input on the same backend: the same numbers, bit for bit.
    expect(rebuilt.top).toEqual(predicted.top);
  });

  it('leaves the tensor count flat across predictions and analyses', async () => {
    await session.predict(one);
    await session.erf(1, 16, 16, one);
    const settled = session.memory().numTensors;
    for (const global of [0, 0.5, 2]) {
      const d: DiffusivityScale = { global, perStage: [1, 1, 1, 1] };
      await session.predict(d);
      await session.erf(1, 10, 20, d);
      await session.heatFrames(0, 0, d, { kind: 'energy' }, [0, 1, 2]);
      await session.pointResponse(1, 0, d, 3, 3, null);
    }
    expect(session.memory()).toEqual({ numTensors: settled, backend: 'cpu' });
  });
});
