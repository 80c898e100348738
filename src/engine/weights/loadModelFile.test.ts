// loadModelFile on real torch.save files: weight selection, `module.` stripping, family and config
// detection, shape checks against the official spec, zip variants, and the web-format round trip.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config';
import { stateDictSpec } from '../stateDict';
import { WeightFileError } from './errors';
import { loadModelFile, toWebFormat, type LoadedModelFile } from './index';
import { PyDict, TensorRecord } from './pickle';
import { readSafetensors } from './safetensors';
import { PickleWriter, stateDictPickle } from './testing/pickleWriter';
import { buildTorchZip, buildZip, f32Bytes } from './testing/zipWriter';
import { readTensor, readTorchCheckpoint } from './torchCheckpoint';
import { readZipDirectory } from './zip';

const dir = new URL('../../../fixtures/torch/', import.meta.url);
const load = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as {
  files: Record<string, Record<string, { shape: number[]; first: number[]; numel: number }>>;
};

function expectWeightsMatchFixture(m: LoadedModelFile, key: string) {
  const want = expected.files[key];
  expect([...m.weights.keys()].sort()).toEqual(Object.keys(want).sort());
  for (const [name, w] of Object.entries(want)) {
    const t = m.weights.get(name)!;
    expect(t.shape, name).toEqual(w.shape);
    expect(Array.from(t.data.subarray(0, 4)), name).toEqual(w.first.map(Math.fround));
  }
}

describe('loadModelFile: torch.save checkpoints', () => {
  it('training format: takes model_ema by default (module. stripped), model on request; post_norm from the pickled config', async () => {
    const bytes = load('vheat_training.pth');
    const ema = await loadModelFile(bytes, 'vheat_training.pth');
    const want: ModelConfig = { family: 'vheat', dims: [8, 16, 24, 32], depths: [1, 1, 2, 1], postNorm: true, layerScale: true, mlpRatio: 4, numClasses: 5, trainResolution: 32, inferenceMode: false };
    expect(ema.config).toEqual(want);
    expect(ema.provenance.weights).toBe('model_ema');
    expect(ema.provenance.post_norm_from).toMatch(/checkpoint config/);
    expect(ema.provenance.source_file).toBe('vheat_training.pth');
    expect(ema.provenance.source_sha256).toMatch(/^[0-9a-f]{64}$/);
    expectWeightsMatchFixture(ema, 'vheat_training.pth');
    const model = await loadModelFile(bytes, 'vheat_training.pth', { weights: 'model' });
    expect(model.provenance.weights).toBe('model');
    expectWeightsMatchFixture(model, 'vheat_training.pth#model');
    // Official order of the spec, labels for 5 classes, preprocessing at the training resolution.
    expect([...ema.weights.keys()]).toEqual([...stateDictSpec(want).keys()]);
    expect(ema.labels).toEqual(['class 0', 'class 1', 'class 2', 'class 3', 'class 4']);
    expect(ema.preprocessing).toMatchObject({ inputSize: 32, resizeTo: 36, interpolation: 'bicubic' });
  });

  it('bare state dict with module. prefix: pre-norm by the official rule (no layer scale), override honoured', async () => {
    const m = await loadModelFile(load('vheat_bare_module.pth'), 'bare.pth');
    expect(m.config).toMatchObject({ family: 'vheat', postNorm: false, layerScale: false, numClasses: 7, trainResolution: 64, depths: [1, 1, 1, 1] });
    expect(m.provenance).toMatchObject({ weights: 'bare', post_norm_from: 'official rule (post_norm = layer_scale)' });
    expectWeightsMatchFixture(m, 'vheat_bare_module.pth');
    const forced = await loadModelFile(load('vheat_bare_module.pth'), 'bare.pth', { postNorm: true });
    expect(forced.config).toMatchObject({ postNorm: true });
    await expect(loadModelFile(load('vheat_bare_module.pth'), 'bare.pth', { weights: 'ema' })).rejects.toBeInstanceOf(WeightFileError);
    expect((await loadModelFile(load('vheat_bare_module.pth'), 'bare.pth', { weights: 'model' })).provenance.weights).toBe('bare');
  });

  it('inference-mode vHeat and HcNet', async () => {
    const inf = await loadModelFile(load('vheat_infer.pth'), 'infer.pth');
    expect(inf.config).toMatchObject({ family: 'vheat', inferenceMode: true, trainResolution: 32, numClasses: 3 });
    expectWeightsMatchFixture(inf, 'vheat_infer.pth');
    const hc = await loadModelFile(load('hcnet.pth'), 'hcnet.pth');
    expect(hc.config).toEqual({ family: 'hcnet', dims: [8, 16, 24, 32], depths: [1, 1, 2, 1], mlpRatio: 4, numClasses: 4, trainResolution: 32 });
    expect(hc.provenance.weights).toBe('model');
    expectWeightsMatchFixture(hc, 'hcnet.pth');
  });

  it('reports progress from 0 to 1', async () => {
    const seen: number[] = [];
    await loadModelFile(load('hcnet.pth'), 'hcnet.pth', { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
  });
});

describe('zip variants that must load', () => {
  const values = [0.5, -1.25, 3, 4.5, -6, 7.75];
  const pkl = stateDictPickle([{ name: 'w', key: '0', storageNumel: 6, shape: [2, 3], stride: [3, 1] }]).stop().bytes();

  /** The unpickled tensor through the archive reader, whatever the zip layout. */
  async function tensorOf(zip: Uint8Array): Promise<number[]> {
    const ckpt = await readTorchCheckpoint(zip, 'x.pth');
    const rec = (ckpt.root as PyDict).get('w') as TensorRecord;
    return Array.from((await readTensor(ckpt, rec)).data);
  }

  it('ZIP64 records, deflated entries, wrong CRCs, data descriptors, any folder name', async () => {
    expect(await tensorOf(await buildTorchZip(pkl, { '0': f32Bytes(values) }, 'archive', { zip64: true }))).toEqual(values);
    expect(await tensorOf(await buildTorchZip(pkl, { '0': f32Bytes(values) }, 'my model (copy)'))).toEqual(values);
    const deflated = await buildZip([
      { name: 'z/data.pkl', data: pkl, method: 8, wrongCrc: true, dataDescriptor: true },
      { name: 'z/data/0', data: f32Bytes(values), method: 8 },
    ]);
    expect(readZipDirectory(deflated, 'x').entries.get('z/data/0')?.method).toBe(8);
    expect(await tensorOf(deflated)).toEqual(values);
  });

  it('unaligned storages (folder names of every length mod 4) still read exactly', async () => {
    const misaligned: number[] = [];
    for (const folder of ['a', 'ab', 'abc', 'abcd']) {
      const zip = await buildZip([{ name: `${folder}/data.pkl`, data: pkl }, { name: `${folder}/data/0`, data: f32Bytes(values) }]);
      const e = readZipDirectory(zip, 'x').entries.get(`${folder}/data/0`)!;
      misaligned.push((e.localHeaderOffset + 30 + e.name.length) % 4);
      expect(await tensorOf(zip)).toEqual(values);
    }
    expect(misaligned.some((r) => r !== 0)).toBe(true);
  });

  it('OrderedDict via BUILD state (_metadata) and protocol 4 framing are understood', async () => {
    const w = new PickleWriter().proto(4).raw(0x95, 0, 0, 0, 0, 0, 0, 0, 0);
    const body = stateDictPickle([{ name: 'w', key: '0', storageNumel: 6, shape: [2, 3], stride: [3, 1] }]).bytes().subarray(2);
    w.raw(...body).mark().str('_metadata').emptyDict().raw(0x64).raw(0x62).stop();
    expect(await tensorOf(await buildTorchZip(w.bytes(), { '0': f32Bytes(values) }))).toEqual(values);
  });
});

describe('web format (.safetensors + __metadata__)', () => {
  it('round-trips f32 exactly with config, labels, preprocessing and provenance', async () => {
    const m = await loadModelFile(load('vheat_training.pth'), 'vheat_training.pth');
    const web = toWebFormat(m);
    const st = readSafetensors(web, 'web');
    expect(JSON.parse(st.metadata.config)).toEqual(m.config);
    expect([...st.tensors.keys()]).toEqual([...stateDictSpec(m.config).keys()]);
    const back = await loadModelFile(web, 'vheat.safetensors');
    expect(back.config).toEqual(m.config);
    expect(back.labels).toEqual(m.labels);
    expect(back.preprocessing).toEqual(m.preprocessing);
    expect(back.provenance).toMatchObject({ source_file: 'vheat_training.pth', source_sha256: m.provenance.source_sha256, weights: 'model_ema', storage: 'f32' });
    for (const [name, t] of m.weights) expect(back.weights.get(name)!.data, name).toEqual(t.data);
  });

  it('fp16 storage: half the bytes, values within half precision, tiny tensors kept f32', async () => {
    const m = await loadModelFile(load('vheat_bare_module.pth'), 'bare.pth');
    // A layer-scale-sized tensor (1e-5, subnormal in fp16) must stay f32.
    const gammaLike = m.weights.get('layers.0.0.norm1.bias')!;
    gammaLike.data.fill(1e-5);
    const f32 = toWebFormat(m);
    const f16 = toWebFormat(m, { fp16: true });
    expect(f16.length).toBeLessThan(f32.length * 0.6);
    const st = readSafetensors(f16, 'x');
    expect(st.tensors.get('layers.0.0.norm1.bias')!.dtype).toBe('F32');
    expect(st.tensors.get('classifier.3.weight')!.dtype).toBe('F16');
    const back = await loadModelFile(f16, 'half.safetensors');
    for (const [name, t] of m.weights) {
      const b = back.weights.get(name)!.data;
      let worst = 0;
      for (let i = 0; i < t.data.length; i++) {
        // fp16 has an 11-bit significand: relative error <= 2^-11 for normal values, 2^-24 absolute below 2^-14.
        worst = Math.max(worst, Math.abs(b[i] - t.data[i]) - (Math.abs(t.data[i]) * 2 ** -11 + 2 ** -24));
      }
      expect(worst, name).toBeLessThanOrEqual(0);
    }
  });

  it('1000-class models get the ImageNet-1k labels shipped with the project', async () => {
    const { defaultLabels } = await import('./index');
    const labels = defaultLabels(1000);
    expect(labels).toHaveLength(1000);
    expect(labels[0]).toMatch(/^tench/);
    expect(labels[999]).toMatch(/toilet tissue/);
  });

  it('zero-size and scalar tensors are accepted by the safetensors reader', async () => {
    const { writeSafetensors } = await import('./safetensors');
    const bytes = writeSafetensors([
      { name: 'empty', dtype: 'F32', shape: [0, 3], bytes: new Uint8Array(0) },
      { name: 'scalar', dtype: 'F32', shape: [], bytes: f32Bytes([2.5]) },
      { name: 'half', dtype: 'F16', shape: [1], bytes: new Uint8Array([0x00, 0x3c]) },
    ], {});
    const st = readSafetensors(bytes, 'x');
    expect(st.tensors.get('empty')!.shape).toEqual([0, 3]);
    expect(st.tensors.get('scalar')!.shape).toEqual([]);
    const { safetensorToFloat32 } = await import('./safetensors');
    expect(Array.from(safetensorToFloat32(st.tensors.get('scalar')!))).toEqual([2.5]);
    expect(Array.from(safetensorToFloat32(st.tensors.get('half')!))).toEqual([1]);
    // The header is padded to 8 bytes with spaces and starts with '{'.
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    expect(bytes[8]).toBe(0x7b);
  });
});
