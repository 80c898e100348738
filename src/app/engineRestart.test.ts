// The engine restart against real EngineClients on MessageChannels: each restart moves the client to a fresh
// channel (a fresh worker in the page), and the test plays every worker, old and new.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImageFile, loadModel } from './actions';
import { setEngineClient } from './engine';
import { EngineClient, type EngineChannel } from './engineClient';
import { stopModelLoad, watchEngineFailures } from './engineRestart';
import { getApp } from './store';
import { WorkerEnd } from './testing/workerEnd';
import type { ImageInfo, ModelInfo, WorkerRequest } from './worker/protocol';

interface Worker {
  end: WorkerEnd;
  port: EngineChannel;
  terminated: boolean;
}
const workers: Worker[] = [];
const channels: MessageChannel[] = [];

function connect(): EngineChannel {
  const channel = new MessageChannel();
  channels.push(channel);
  const port = channel.port1 as unknown as EngineChannel;
  const worker: Worker = { end: new WorkerEnd(channel.port2), port, terminated: false };
  port.terminate = () => {
    worker.terminated = true;
    channel.port1.close();
  };
  workers.push(worker);
  return port;
}

beforeAll(() => setEngineClient(new EngineClient(connect(), (frame) => frame()), connect));
afterAll(() => channels.forEach((c) => (c.port1.close(), c.port2.close())));

const newest = () => workers[workers.length - 1];

async function request(w: Worker, n: number): Promise<WorkerRequest> {
  return (await w.end.received(n))[n - 1];
}

const modelInfo = (id: string): ModelInfo => ({
  id, title: id, config: { family: 'hcnet', dims: [8, 16, 32, 64], depths: [1, 2, 2, 1], mlpRatio: 2, numClasses: 10, trainResolution: 32 },
  parameters: 1, labels: [], preprocessing: { inputSize: 32, resizeTo: 36, mean: [0, 0, 0], std: [1, 1, 1], grayscale: false, interpolation: 'bicubic' },
  provenance: {}, stageSides: [8, 4, 2, 1],
});
const imageInfo = (id: number, name: string): ImageInfo => ({ id, name, width: 4, height: 4, modelInput: new Uint8ClampedArray(0), inputSize: 32 });
const backend = { backend: 'cpu' };

/** Answers a fresh worker's restart: init, the last good model, the last good image; checks what it was asked. */
async function answerRestart(w: Worker): Promise<void> {
  const init = await request(w, 1);
  expect(init.type).toBe('init');
  w.end.answer(init, backend);
  const load = await request(w, 2);
  expect(load).toMatchObject({ type: 'loadModel', payload: { source: { kind: 'random', id: 'random-hcnet-tiny' } } });
  w.end.answer(load, { model: modelInfo('random-hcnet-tiny'), image: null });
  const image = await request(w, 3);
  expect(image).toMatchObject({ type: 'setImage', payload: { source: { kind: 'file', name: 'a.png' } } });
  w.end.answer(image, imageInfo(1, 'a.png'));
}

// In order: each test starts from the store and workers the previous one left.
describe('restarting the engine worker', () => {
  it('a stopped load terminates the worker, shows no error, and a fresh worker gets back the last good model and image', async () => {
    const first = workers[0];
    const model = loadModel({ kind: 'random', id: 'random-hcnet-tiny' });
    first.end.answer(await request(first, 1), { model: modelInfo('random-hcnet-tiny'), image: null });
    await model;
    const image = loadImageFile(new File([new Uint8Array(8)], 'a.png', { type: 'image/png' }));
    first.end.answer(await request(first, 2), imageInfo(3, 'a.png'));
    await image;

    const big = loadModel({ kind: 'file', file: new File([new Uint8Array(4)], 'big.pth') });
    expect((await request(first, 3)).type).toBe('loadModel'); // never answered: the user stops it
    const stopped = stopModelLoad();
    expect(first.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(getApp().modelBusy?.label).toBe('restarting the engine');
    await answerRestart(newest());
    await stopped;
    expect(await big).toBe(false);
    expect(getApp()).toMatchObject({
      model: { id: 'random-hcnet-tiny' }, image: { id: 1, name: 'a.png' }, modelBusy: null, modelError: null, imageError: null, backendError: null,
      engineRestarted: 'Loading big.pth was stopped. The engine was restarted with the model random-hcnet-tiny and the image “a.png” from before.',
    });
    expect(first.end.requests).toHaveLength(3);
  });

  it('a worker that fails outside any request is replaced the same way', async () => {
    watchEngineFailures();
    const failing = newest();
    failing.port.onerror!({ message: 'boom' } as ErrorEvent);
    expect(failing.terminated).toBe(true);
    await answerRestart(newest());
    await expect.poll(() => getApp().engineRestarted).toBe('The engine stopped on an error (boom). The engine was restarted with the model random-hcnet-tiny and the image “a.png” from before.');
    expect(getApp().backendError).toBeNull();
  });

  it('a worker that keeps failing is not restarted in a loop: the page says to reload', async () => {
    // The test above failed once; two more failures within the minute still restart (nobody answers them) ...
    for (let i = 0; i < 2; i++) {
      const before = workers.length;
      newest().port.onerror!({ message: `again ${i}` } as ErrorEvent);
      expect(workers).toHaveLength(before + 1);
    }
    // ... the fourth does not.
    const before = workers.length;
    newest().port.onerror!({ message: 'at start-up' } as ErrorEvent);
    expect(workers).toHaveLength(before);
    expect(getApp().backendError).toBe('the engine failed 4 times within a minute (last: at start-up); reload the page');
  });
});
