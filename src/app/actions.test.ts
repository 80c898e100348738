// The UI actions against a real EngineClient whose worker end (a MessageChannel port) the test answers: what
// reaches the worker, what lands in the store, and the error paths that keep the previous model or image.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText, loadImageFile, loadModel, openFile, setLanguage, showBackend, sourceFromId, sourceId } from './actions';
import { setEngineClient } from './engine';
import { EngineClient, EngineError, type EngineChannel } from './engineClient';
import { getApp, setApp } from './store';
import { WorkerEnd } from './testing/workerEnd';
import { cachedModelId, convertedFileKey, type BundledModelEntry, type ImageInfo, type ModelInfo, type WorkerRequest } from './worker/protocol';

const channel = new MessageChannel();
const worker = new WorkerEnd(channel.port2);
const frames: (() => void)[] = [];

beforeAll(() => setEngineClient(new EngineClient(channel.port1 as unknown as EngineChannel, (frame) => frames.push(frame))));
afterAll(() => {
  channel.port1.close();
  channel.port2.close();
});

/** The next request that reaches the worker. */
async function nextRequest(): Promise<WorkerRequest> {
  const all = await worker.received(worker.requests.length + 1);
  return all[all.length - 1];
}

const modelInfo = (id: string): ModelInfo => ({
  id, title: id, config: { family: 'hcnet', dims: [8, 16, 32, 64], depths: [1, 2, 2, 1], mlpRatio: 2, numClasses: 10, trainResolution: 32 },
  parameters: 1, labels: [], preprocessing: { inputSize: 32, resizeTo: 36, mean: [0, 0, 0], std: [1, 1, 1], grayscale: false, interpolation: 'bicubic' },
  provenance: {}, stageSides: [8, 4, 2, 1],
});
const imageInfo = (id: number, name: string): ImageInfo => ({ id, name, width: 4, height: 4, modelInput: new Uint8ClampedArray(0), inputSize: 32 });
const inputError = { name: 'WeightFileError', message: 'm.pth: not a zip', file: 'm.pth', reason: 'not a zip', code: 'unknown-format' as const };

describe('errorText', () => {
  it("says what the code means, then names the file and reason of an input error, else the error's message", () => {
    expect(errorText(new EngineError(inputError))).toBe('Not a format Heat Lab reads: m.pth: not a zip');
    expect(errorText(new EngineError({ name: 'EngineStateError', message: 'no model is loaded', code: 'usage' }))).toBe('Not possible now: no model is loaded');
    expect(errorText(new Error('plain'))).toBe('Unexpected error: plain');
  });
});

describe('model ids', () => {
  it('a dropped file is found again after a reload under the key the worker caches it by', () => {
    const file = new File([new Uint8Array(3)], 'vheat_pre.pth');
    const id = sourceId({ kind: 'file', file });
    expect(id).toBe(cachedModelId(convertedFileKey('vheat_pre.pth', 3)));
    expect(sourceFromId(id)).toEqual({ kind: 'cached', id: convertedFileKey('vheat_pre.pth', 3) });
  });

  it('round-trips bundled and cached ids; an unknown id is no model', () => {
    const entry: BundledModelEntry = { id: 'fashion-vheat', file: 'models/f.safetensors', title: 'F', family: 'vheat' };
    setApp({ bundledModels: [entry] });
    expect(sourceFromId(sourceId({ kind: 'bundled', entry }))).toEqual({ kind: 'bundled', entry });
    expect(sourceFromId(sourceId({ kind: 'cached', id: 'file:a.pth:9' }))).toEqual({ kind: 'cached', id: 'file:a.pth:9' });
    expect(sourceFromId('no-such-model')).toBeNull();
  });
});

// In order: each test starts from the store the previous one left.
describe('loadModel, loadImageFile and openFile', () => {
  it('a loaded model lands in the store under its id, with the progress shown while it loads', async () => {
    const loading = loadModel({ kind: 'random', id: 'random-hcnet-tiny' });
    const req = await nextRequest();
    expect(req).toMatchObject({ type: 'loadModel', payload: { source: { kind: 'random', id: 'random-hcnet-tiny' } } });
    worker.send({ kind: 'progress', id: req.id, fraction: 0.5, label: { key: 'load.reading' } });
    await expect.poll(() => frames.length).toBe(1);
    frames.shift()!();
    expect(getApp().modelBusy).toEqual({ label: 'reading', fraction: 0.5 });
    worker.answer(req, { model: modelInfo('random-hcnet-tiny'), image: null });
    expect(await loading).toBe(true);
    expect(getApp()).toMatchObject({ model: { id: 'random-hcnet-tiny' }, modelBusy: null, modelError: null, stage: 0, block: 0 });
  });

  it('a model the worker refuses shows its error and keeps the previous model', async () => {
    const loading = loadModel({ kind: 'cached', id: 'file:m.pth:5' });
    worker.send({ kind: 'response', id: (await nextRequest()).id, ok: false, error: inputError });
    expect(await loading).toBe(false);
    expect(getApp()).toMatchObject({ model: { id: 'random-hcnet-tiny' }, modelBusy: null, modelError: 'Not a format Heat Lab reads: m.pth: not a zip' });
  });

  it('a dropped image lands in the store; a refused one shows its error and keeps the previous image', async () => {
    const first = loadImageFile(new File([new Uint8Array(8)], 'a.png', { type: 'image/png' }));
    expect(getApp().imageBusy).toBe(true);
    const req = await nextRequest();
    expect(req).toMatchObject({ type: 'setImage', payload: { source: { kind: 'file', name: 'a.png' } } });
    worker.answer(req, imageInfo(3, 'a.png'));
    await first;
    expect(getApp()).toMatchObject({ image: { id: 3, name: 'a.png' }, imageChoice: null, imageBusy: false, imageError: null });

    const refused = loadImageFile(new File([new Uint8Array(8)], 'b.jpg', { type: 'image/jpeg' }));
    worker.send({
      kind: 'response', id: (await nextRequest()).id, ok: false,
      error: { name: 'ImageInputError', message: 'b.jpg: truncated', file: 'b.jpg', reason: 'truncated', code: 'malformed' },
    });
    await refused;
    expect(getApp()).toMatchObject({ image: { id: 3, name: 'a.png' }, imageBusy: false, imageError: 'The file is damaged: b.jpg: truncated' });
  });

  it('openFile sends model files to the model loader and everything else to the image reader', async () => {
    for (const [name, type] of [['net.PTH', 'loadModel'], ['w.safetensors', 'loadModel'], ['photo.webp', 'setImage'], ['notes.pth.txt', 'setImage']]) {
      const opened = openFile(new File([new Uint8Array(2)], name));
      const req = await nextRequest();
      expect(req.type, name).toBe(type);
      worker.fail(req, 'not answered in this test');
      await opened;
    }
  });
});

describe('the language', () => {
  it('switches at once: the store, <html lang>, the title, and the worker-reported backend in the new language', () => {
    const doc = { documentElement: { lang: 'en' }, title: '' };
    const had = 'document' in globalThis;
    (globalThis as { document?: unknown }).document = doc;
    try {
      showBackend({ backend: 'wasm', adapter: '', softwareAdapter: false, cpuPreferred: { key: 'backend.cpuFasterOnSoftwareAdapter', values: { adapter: 'SwiftShader', row: 'swiftshader' } } });
      expect(getApp().backend?.cpuPreferred).toBe("on the software adapter SwiftShader the CPU path is faster for every model measured (kernel table row 'swiftshader')");
      expect(getApp().languageInUrl).toBe(false);
      setLanguage('zh-CN');
      expect(getApp()).toMatchObject({ language: 'zh-CN', languageInUrl: true });
      expect(doc.documentElement.lang).toBe('zh-CN');
      expect(doc.title).toBe('Heat Lab：在浏览器中运行 vHeat 与 HcNet');
      expect(getApp().backend?.cpuPreferred).toBe('在软件适配器 SwiftShader 上，CPU 路径对测过的每个模型都更快（内核表行“swiftshader”）');
      setLanguage('en');
      expect(doc.title).toBe('Heat Lab: vHeat and HcNet in your browser');
      expect(getApp()).toMatchObject({ language: 'en', languageInUrl: true });
    } finally {
      if (!had) delete (globalThis as { document?: unknown }).document;
    }
  });
});
