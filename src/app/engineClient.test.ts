// EngineClient over a real MessageChannel: the client owns one port, the test plays the worker on the other and
// answers each request when the test says so (the order of answers is what coalescing is about).
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient, EngineError, EngineRestartError, isEngineRestart, type EngineChannel } from './engineClient';
import { WorkerEnd } from './testing/workerEnd';
import type { DiffusivityScale, WorkerRequest } from './worker/protocol';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A client on one end of a fresh channel; the test runs its animation frames (`frames`) itself. */
function connect(): { client: EngineClient; worker: WorkerEnd; clientPort: EngineChannel; frames: (() => void)[] } {
  const channel = new MessageChannel();
  channels.push(channel);
  const clientPort = channel.port1 as unknown as EngineChannel;
  const frames: (() => void)[] = [];
  const client = new EngineClient(clientPort, (callback) => frames.push(callback));
  return { client, worker: new WorkerEnd(channel.port2), clientPort, frames };
}

const diffusivity = (global: number): DiffusivityScale => ({ global, perStage: [1, 1, 1, 1] });
const globalOf = (req: WorkerRequest) => (req.payload as { diffusivity: DiffusivityScale }).diffusivity.global;

describe('EngineClient.call', () => {
  it('sends each request with a new id and resolves it with the answer of that id, in any order', async () => {
    const { client, worker } = connect();
    const first = client.call('memory', {});
    const second = client.call('predict', { diffusivity: diffusivity(1) });
    const [a, b] = await worker.received(2);
    expect(a.type).toBe('memory');
    expect(b.type).toBe('predict');
    expect(b.id).not.toBe(a.id);
    worker.answer(b, { imageId: 7 });
    worker.answer(a, { numTensors: 3, backend: 'cpu' });
    expect(await first).toEqual({ numTensors: 3, backend: 'cpu' });
    expect(await second).toEqual({ imageId: 7 });
  });

  it('rejects with an EngineError carrying the fields of an input error', async () => {
    const { client, worker } = connect();
    const pending = client.call('setImage', { source: { kind: 'url', url: 'x.png', name: 'x.png' } });
    const [req] = await worker.received(1);
    worker.send({
      kind: 'response', id: req.id, ok: false,
      error: { name: 'ImageInputError', message: 'x.png: truncated', file: 'x.png', reason: 'truncated', code: 'malformed' },
    });
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ message: 'x.png: truncated', kind: 'ImageInputError', file: 'x.png', reason: 'truncated', code: 'malformed' });
  });

  it('a failed worker rejects every pending call with an EngineRestartError (cause failed), not a plain error', async () => {
    const { client, worker, clientPort } = connect();
    const calls = [client.call('memory', {}), client.call('init', {})];
    await worker.received(2);
    // What the page's Worker does when its script throws at the top level.
    clientPort.onerror!({ message: 'boom' } as ErrorEvent);
    for (const c of calls) {
      const err = await c.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineRestartError);
      expect(isEngineRestart(err)).toBe(true);
      expect(err).toMatchObject({ restartCause: 'failed', message: 'engine worker failed: boom' });
    }
  });

  it('a failed worker is reported to onWorkerFailed', async () => {
    const { client, clientPort } = connect();
    const failed = new Promise<string>((resolve) => (client.onWorkerFailed = resolve));
    clientPort.onerror!({ message: 'uncaught' } as ErrorEvent);
    expect(await failed).toBe('uncaught');
  });

  it('restart terminates the worker, rejects the calls in flight with EngineRestartError, and sends later calls to the new one', async () => {
    const { client, worker, clientPort } = connect();
    let terminated = false;
    clientPort.terminate = () => (terminated = true);
    const inFlight = client.call('loadModel', { source: { kind: 'random', id: 'random-vheat-tiny' } });
    await worker.received(1);
    const next = connect();
    client.restart(next.clientPort, 'stopped', 'Loading x was stopped');
    expect(terminated).toBe(true);
    const err = await inFlight.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineRestartError);
    expect(err).toMatchObject({ restartCause: 'stopped', message: 'Loading x was stopped' });
    const after = client.call('memory', {});
    const [req] = await next.worker.received(1);
    next.worker.answer(req, { numTensors: 0, backend: 'cpu' });
    expect(await after).toEqual({ numTensors: 0, backend: 'cpu' });
    expect(worker.requests).toHaveLength(1);
  });

  it('reports a lost device to onDeviceLost', async () => {
    const { client, worker } = connect();
    const lost = new Promise<string>((resolve) => (client.onDeviceLost = resolve));
    worker.send({ kind: 'deviceLost', message: 'driver reset' });
    expect(await lost).toBe('driver reset');
  });

  it('passes on the newest progress of a burst once per frame, and none after the answer', async () => {
    const { client, worker, frames } = connect();
    const seen: [number, string][] = [];
    const load = client.call('loadModel', { source: { kind: 'random', id: 'random-vheat-tiny' } }, (f, label) => seen.push([f, label]));
    const ping = client.call('memory', {});
    const [req, pingReq] = await worker.received(2);
    for (let i = 1; i <= 10; i++) worker.send({ kind: 'progress', id: req.id, fraction: i / 10, label: { key: 'load.reading' } });
    worker.answer(pingReq, null);
    await ping; // messages arrive in order: the whole burst is in
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(seen).toEqual([[1, 'reading']]);
    const pingAgain = client.call('memory', {});
    const [, , pingAgainReq] = await worker.received(3);
    worker.send({ kind: 'progress', id: req.id, fraction: 0.5, label: { key: 'load.ready' } });
    worker.answer(req, { model: null, image: null });
    worker.answer(pingAgainReq, null);
    await Promise.all([load, pingAgain]);
    frames.splice(0).forEach((frame) => frame()); // the frame after the answer shows nothing
    expect(seen).toEqual([[1, 'reading']]);
  });

  it("passes a load's structured event on with its fraction and label", async () => {
    const { client, worker, frames } = connect();
    const seen: unknown[][] = [];
    const load = client.call('loadModel', { source: { kind: 'random', id: 'random-vheat-tiny' } }, (...args) => seen.push(args));
    const [req] = await worker.received(1);
    const event = { stage: 'progress' as const, file: 'm.safetensors', loaded: 512, total: 1024 };
    worker.send({ kind: 'progress', id: req.id, fraction: 0.2, label: { key: 'load.downloading' }, event });
    const ping = client.call('memory', {});
    const [, pingReq] = await worker.received(2);
    worker.answer(pingReq, null);
    await ping;
    frames.shift()!();
    expect(seen).toEqual([[0.2, 'downloading', event]]);
    worker.answer(req, { model: null, image: null });
    await load;
  });
});

describe('EngineClient.coalesce', () => {
  it('keeps one request per key in the worker; replaced calls resolve to null, the newest gets its answer', async () => {
    const { client, worker } = connect();
    const first = client.coalesce('predict', 'predict', { diffusivity: diffusivity(1) });
    const second = client.coalesce('predict', 'predict', { diffusivity: diffusivity(2) });
    const third = client.coalesce('predict', 'predict', { diffusivity: diffusivity(3) });
    const [running] = await worker.received(1);
    expect(globalOf(running)).toBe(1);
    expect(await second).toBeNull(); // replaced by the third before it was sent
    expect(worker.requests).toHaveLength(1); // the third waits for the first
    worker.answer(running, 'answer for 1');
    expect(await first).toBeNull(); // overtaken: a newer call was made while it ran
    const [, next] = await worker.received(2);
    expect(globalOf(next)).toBe(3);
    worker.answer(next, 'answer for 3');
    expect(await third).toBe('answer for 3');
    expect(worker.requests).toHaveLength(2);
  });

  it('a call that nothing overtook resolves to its answer, and the next one is sent at once', async () => {
    const { client, worker } = connect();
    const only = client.coalesce('erf', 'predict', { diffusivity: diffusivity(1) });
    const [req] = await worker.received(1);
    worker.answer(req, 'answer');
    expect(await only).toBe('answer');
    const again = client.coalesce('erf', 'predict', { diffusivity: diffusivity(2) });
    const [, req2] = await worker.received(2);
    worker.answer(req2, 'again');
    expect(await again).toBe('again');
  });

  it('different keys do not replace each other', async () => {
    const { client, worker } = connect();
    const a = client.coalesce('a', 'predict', { diffusivity: diffusivity(1) });
    const b = client.coalesce('b', 'predict', { diffusivity: diffusivity(2) });
    const reqs = await worker.received(2);
    expect(reqs.map(globalOf)).toEqual([1, 2]);
    reqs.forEach((r) => worker.answer(r, globalOf(r)));
    expect([await a, await b]).toEqual([1, 2]);
  });

  it('the newest call rejects with its error; an overtaken call that failed resolves to null', async () => {
    const { client, worker } = connect();
    const overtaken = client.coalesce('k', 'predict', { diffusivity: diffusivity(1) });
    const [req1] = await worker.received(1);
    const newest = client.coalesce('k', 'predict', { diffusivity: diffusivity(2) });
    worker.fail(req1, 'stale failure');
    expect(await overtaken).toBeNull();
    const [, req2] = await worker.received(2);
    worker.fail(req2, 'current failure');
    await expect(newest).rejects.toThrow('current failure');
    // The key is free again after a failure.
    const after = client.coalesce('k', 'predict', { diffusivity: diffusivity(3) });
    const [, , req3] = await worker.received(3);
    worker.answer(req3, 'fine');
    expect(await after).toBe('fine');
  });
});
