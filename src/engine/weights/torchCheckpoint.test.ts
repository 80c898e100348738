// Real torch.save files (PyTorch 1.13, tools/python/make_torch_fixtures.py) read back tensor by
// tensor and compared with the values the generating script wrote to fixtures/torch/expected.json.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PyDict, PyObject, TensorRecord } from './pickle';
import { readTensor, readTorchCheckpoint } from './torchCheckpoint';

const dir = new URL('../../../fixtures/torch/', import.meta.url);
interface Expected { shape: number[]; dtype: string; values: number[] | null; sum: number; abs_sum: number; numel: number; first: number[] }
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as { files: Record<string, Record<string, Expected>> };
const load = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));

async function compareFile(name: string, pick: (root: PyDict) => PyDict = (r) => r, expectKey = name) {
  const ckpt = await readTorchCheckpoint(load(name), name);
  expect(ckpt.root).toBeInstanceOf(PyDict);
  const dict = pick(ckpt.root as PyDict);
  const want = expected.files[expectKey];
  const names = [...dict.map.keys()].map((k) => String(k).replace(/^module\./, ''));
  expect(names).toEqual(Object.keys(want));
  for (const [key, rec] of dict.map) {
    const w = want[String(key).replace(/^module\./, '')];
    expect(rec).toBeInstanceOf(TensorRecord);
    const t = await readTensor(ckpt, rec as TensorRecord);
    expect(t.shape, String(key)).toEqual(w.shape);
    expect(t.data.length).toBe(w.numel);
    if (w.values) {
      // Exact: every value was float32-representable or is compared after float32 rounding (f64, i64).
      expect(Array.from(t.data), String(key)).toEqual(w.values.map(Math.fround));
    } else {
      expect(Array.from(t.data.subarray(0, 4))).toEqual(w.first.map(Math.fround));
      let s = 0;
      let a = 0;
      for (const v of t.data) {
        s += v;
        a += Math.abs(v);
      }
      // The sum is accumulated in float64 here and in PyTorch, in different orders: 1e-9 relative to sum|x|.
      expect(Math.abs(s - w.sum)).toBeLessThanOrEqual(1e-9 * w.abs_sum + 1e-12);
      expect(Math.abs(a - w.abs_sum)).toBeLessThanOrEqual(1e-9 * w.abs_sum + 1e-12);
    }
  }
}

describe('torch.save checkpoints from PyTorch 1.13', () => {
  it('reads every dtype (f32 f16 bf16 f64 i64 i32 u8 bool), zero-size and scalar tensors (protocols 2, 3, 5)', async () => {
    await compareFile('dtypes.pth');
    await compareFile('dtypes_p3.pth');
    await compareFile('dtypes_p5.pth');
  });

  it('honours shared storages, storage offsets and strides (transposed, sliced; protocol 4)', async () => {
    await compareFile('views.pth');
    const ckpt = await readTorchCheckpoint(load('views.pth'), 'views.pth');
    const root = ckpt.root as PyDict;
    for (const k of ['full', 'rows_1_3', 'transposed', 'column_2']) await readTensor(ckpt, root.get(k) as TensorRecord);
    // All five views share one storage record: it is read once.
    expect(ckpt.storages.size).toBe(1);
  });

  it('reads the official training format: model, model_ema, optimizer tensors, yacs CfgNode kept inert', async () => {
    await compareFile('vheat_training.pth', (r) => r.get('model_ema') as PyDict);
    await compareFile('vheat_training.pth', (r) => r.get('model') as PyDict, 'vheat_training.pth#model');
    const root = (await readTorchCheckpoint(load('vheat_training.pth'), 'x.pth')).root as PyDict;
    const config = root.get('config');
    expect(config).toBeInstanceOf(PyObject);
    expect((config as PyObject).global).toBe('yacs.config.CfgNode');
    const model = (config as PyObject).dictItems.get('MODEL') as PyObject;
    expect(((model.dictItems.get('VHEAT') as PyObject).dictItems.get('POST_NORM'))).toBe(true);
    // SEED = 2**62 is kept as a bigint: past 2^53, never silently rounded.
    expect((config as PyObject).dictItems.get('SEED')).toBe(2n ** 62n);
    expect(root.get('epoch')).toBe(3);
    expect(root.get('max_accuracy')).toBe(12.5);
  });

  it('finds the archive folder whatever its name', async () => {
    for (const name of ['hcnet.pth', 'vheat_infer.pth', 'vheat_bare_module.pth']) {
      const ckpt = await readTorchCheckpoint(load(name), name);
      expect(ckpt.folder).toBe(name.replace('.pth', ''));
    }
  });
});
