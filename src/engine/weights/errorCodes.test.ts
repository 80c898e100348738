// Refusals carry a code from the closed InputErrorCode union (src/engine/errors.ts): tests assert the code,
// not the wording. One small generated file per kind of refusal of the weight readers.

import { describe, expect, it } from 'vitest';
import { InputError, MAX_ERROR_MESSAGE, type InputErrorCode } from '../errors';
import { loadModelFile } from './index';
import { unpickle, DEFAULT_PICKLE_LIMITS } from './pickle';
import { PickleWriter, stateDictPickle, type TensorSpec } from './testing/pickleWriter';
import { buildTorchZip, buildZip, f32Bytes } from './testing/zipWriter';

const W: TensorSpec = { name: 'w', key: '0', storageNumel: 6, shape: [2, 3], stride: [3, 1] };
const six = f32Bytes([1, 2, 3, 4, 5, 6]);

async function codeOf(bytes: Uint8Array, file: string): Promise<InputErrorCode> {
  const e = await loadModelFile(bytes, file).then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(InputError);
  const err = e as InputError;
  expect(err.file).toBe(file);
  expect(err.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
  return err.code;
}

describe('weight-file refusals carry codes', () => {
  it('unknown-format, unreadable, unsupported', async () => {
    expect(await codeOf(new TextEncoder().encode('hello'), 'notes.pth')).toBe('unknown-format');
    expect(await codeOf(new Uint8Array(0), 'empty.pth')).toBe('unreadable');
    expect(await codeOf(await buildTorchZip(new PickleWriter().proto(6).none().stop().bytes(), {}), 'p6.pth')).toBe('unsupported');
  });

  it('forbidden: any global outside the allowlist, named in the message', async () => {
    for (const [m, n] of [['cProfile', 'run'], ['torch.storage', '_load_from_bytes'], ['collections', 'Counter']]) {
      const pkl = new PickleWriter().proto(2).global(m, n).mark().str('x').tuple().reduce().stop().bytes();
      const e = (() => {
        try {
          unpickle(pkl, 'g.pkl');
        } catch (x) {
          return x as InputError;
        }
        return null;
      })();
      expect(e?.code).toBe('forbidden');
      expect(e?.reason).toContain(`${m}.${n}`);
      expect(e?.reason).toMatch(/not on the allowlist/);
    }
  });

  it('too-large: object and memo floods stop at their limits', () => {
    const dicts = new PickleWriter().proto(2).emptyList();
    for (let i = 0; i < 200; i++) dicts.emptyDict().append();
    expect(() => unpickle(dicts.stop().bytes(), 'd.pkl', { ...DEFAULT_PICKLE_LIMITS, maxObjects: 100 })).toThrow(/more than 100 objects/);
    try {
      unpickle(dicts.bytes(), 'd.pkl', { ...DEFAULT_PICKLE_LIMITS, maxObjects: 100 });
    } catch (e) {
      expect((e as InputError).code).toBe('too-large');
    }
  });

  it('too-large: padded storage records; malformed: overlapping entries; mismatch: one storage as two dtypes', async () => {
    const padded = await buildZip([{ name: 'a/data.pkl', data: stateDictPickle([W]).stop().bytes() }, { name: 'a/data/0', data: new Uint8Array(1 << 20), method: 8 }]);
    expect(await codeOf(padded, 'padded.pth')).toBe('too-large');
    const two = stateDictPickle([W, { ...W, name: 'v', storageClass: 'HalfStorage' }]).stop().bytes();
    expect(await codeOf(await buildTorchZip(two, { '0': six }), 'two.pth')).toBe('mismatch');
  });

  it('malformed: an integral float where a shape belongs', async () => {
    const good = stateDictPickle([W]).stop().bytes();
    const intShape = [0x28, 0x4b, 2, 0x4b, 3, 0x74]; // MARK 2 3 TUPLE
    const at = good.findIndex((_, i) => intShape.every((b, j) => good[i + j] === b));
    expect(at).toBeGreaterThan(0);
    const f64 = (x: number) => [0x47, ...new Uint8Array(new Float64Array([x]).buffer).reverse()];
    const bad = new Uint8Array([...good.subarray(0, at), 0x28, ...f64(2), ...f64(3), 0x74, ...good.subarray(at + intShape.length)]);
    const e = await loadModelFile(await buildTorchZip(bad, { '0': six }), 'f.pth').catch((x: unknown) => x as InputError);
    expect((e as InputError).code).toBe('malformed');
    expect((e as InputError).reason).toMatch(/float/);
  });
});
