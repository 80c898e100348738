// Every kind of malformed model file, built byte by byte here: each must be refused with a WeightFileError
// naming the file and the reason (no crash, no hang, nothing returned). The count of malformed files
// tried per format is printed at the end.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { stateDictSpec } from '../stateDict';
import { WeightFileError } from './errors';
import type { InputErrorCode } from '../errors';
import { loadModelFile, toWebFormat } from './index';
import { readSafetensors, writeSafetensors } from './safetensors';
import { PickleWriter, stateDictPickle, type TensorSpec } from './testing/pickleWriter';
import { buildTorchZip, buildZip, f32Bytes } from './testing/zipWriter';
import { DEFAULT_ZIP_LIMITS, readZipDirectory, readZipEntry } from './zip';

type Format = 'pickle' | 'zip' | 'safetensors' | 'other';
const tried: Record<Format, number> = { pickle: 0, zip: 0, safetensors: 0, other: 0 };
afterAll(() => {
  const total = Object.values(tried).reduce((a, b) => a + b, 0);
  console.log(`malformed files tried: pickle ${tried.pickle}, zip ${tried.zip}, safetensors ${tried.safetensors}, other ${tried.other} (total ${total})`);
});

async function refused(format: Format, bytes: Uint8Array, file: string, reason: RegExp, code?: InputErrorCode): Promise<void> {
  tried[format]++;
  let error: unknown = null;
  let result: unknown = null;
  try {
    result = await loadModelFile(bytes, file);
  } catch (e) {
    error = e;
  }
  expect(result, `${file} must not load`).toBeNull();
  expect(error).toBeInstanceOf(WeightFileError);
  const e = error as WeightFileError;
  expect(e.file).toBe(file);
  expect(e.message).toContain(file);
  expect(e.reason).toMatch(reason);
  if (code) expect(e.code).toBe(code);
}

const W: TensorSpec = { name: 'w', key: '0', storageNumel: 6, shape: [2, 3], stride: [3, 1] };
const sixFloats = f32Bytes([1, 2, 3, 4, 5, 6]);
const pth = (pickle: Uint8Array, storages: Record<string, Uint8Array> = { '0': sixFloats }) => buildTorchZip(pickle, storages);
const callPickle = (module: string, name: string) =>
  new PickleWriter().proto(2).global(module, name).mark().str('echo pwned > /tmp/pwned').tuple().reduce().stop().bytes();

describe('hostile and malformed pickles (inside a torch.save zip)', () => {
  it('refuses pickles that call os.system, builtins.eval, posix.system (nothing executed)', async () => {
    await refused('pickle', await pth(callPickle('os', 'system')), 'os_system.pth', /os\.system.*refused/);
    await refused('pickle', await pth(callPickle('builtins', 'eval')), 'eval.pth', /builtins\.eval.*refused/);
    await refused('pickle', await pth(callPickle('posix', 'system')), 'posix.pth', /posix\.system.*refused/);
    await refused('pickle', await pth(callPickle('subprocess', 'Popen')), 'popen.pth', /subprocess\.Popen.*refused/);
  });

  it('refuses a truncated pickle, REDUCE on an empty stack, a missing memo entry, unknown opcodes', async () => {
    const good = stateDictPickle([W]).stop().bytes();
    await refused('pickle', await pth(good.subarray(0, Math.floor(good.length / 2))), 'truncated.pth', /truncated/);
    await refused('pickle', await pth(new PickleWriter().proto(2).reduce().stop().bytes()), 'reduce_empty.pth', /REDUCE on an empty stack/);
    await refused('pickle', await pth(new PickleWriter().proto(2).binget(5).stop().bytes()), 'memo.pth', /missing memo entry 5/);
    await refused('pickle', await pth(new PickleWriter().proto(2).raw(0x82, 1).stop().bytes()), 'ext1.pth', /opcode 0x82/);
    await refused('pickle', await pth(new PickleWriter().proto(6).none().stop().bytes()), 'proto6.pth', /protocol 6/);
    await refused('pickle', await pth(new PickleWriter().proto(2).none().bytes()), 'nostop.pth', /truncated/);
  });

  it('refuses storage records that are missing or shorter than their tensor', async () => {
    const p = stateDictPickle([W]).stop().bytes();
    await refused('pickle', await pth(p, {}), 'no_storage.pth', /data\/0 is missing/);
    await refused('pickle', await pth(p, { '0': f32Bytes([1, 2, 3, 4]) }), 'short_storage.pth', /shorter than its 24-byte storage/);
  });

  it('refuses offsets and strides outside the storage, integers past 2^53', async () => {
    await refused('pickle', await pth(stateDictPickle([{ ...W, offset: 5 }]).stop().bytes()), 'offset.pth', /reaches element 10 of a storage of 6/);
    await refused('pickle', await pth(stateDictPickle([{ ...W, stride: [4, 1] }]).stop().bytes()), 'stride.pth', /reaches element 6 of a storage of 6/);
    await refused('pickle', await pth(stateDictPickle([{ ...W, shape: [2n ** 60n, 1], stride: [1, 1] }]).stop().bytes()), 'big_shape.pth', /past 2\^53/);
    await refused('pickle', await pth(stateDictPickle([{ ...W, storageNumel: 2n ** 54n }]).stop().bytes()), 'big_numel.pth', /past 2\^53/);
    await refused('pickle', await pth(stateDictPickle([{ ...W, offset: -1 }]).stop().bytes()), 'neg_offset.pth', /offset is not a non-negative integer/);
  });

  it('refuses stride-0 views that expand a tiny file into a large model', async () => {
    const config = { family: 'vheat' as const, dims: [64, 128, 256, 512], depths: [2, 2, 2, 2], postNorm: false, layerScale: false, mlpRatio: 4, numClasses: 1000, trainResolution: 224, inferenceMode: false };
    const specs = [...stateDictSpec(config)].map(([name, shape]) => ({ name, key: '0', storageNumel: 1, shape, stride: shape.map(() => 0) }));
    await refused('pickle', await pth(stateDictPickle(specs).stop().bytes(), { '0': f32Bytes([1]) }), 'expanded.pth', /describe \d+ elements, far more than/);
  });

  it('refuses 4x10^5 nested lists, on the stack and through the memo, without overflowing', async () => {
    const n = 400_000; // under the memo and object limits (limits.ts), far over the stack and depth limits
    const onStack = new PickleWriter().proto(2);
    for (let i = 0; i < n; i++) onStack.emptyList();
    for (let i = 1; i < n; i++) onStack.append();
    await refused('pickle', await pth(onStack.stop().bytes()), 'nested_stack.pth', /stack deeper than/);
    // L0 = [L1], L1 = [L2], ... built one level at a time so the stack never grows.
    const viaMemo = new PickleWriter().proto(2).emptyList().longBinput(0);
    for (let i = 1; i < n; i++) viaMemo.emptyList().longBinput(i).append().raw(0x30).longBinget(i);
    viaMemo.raw(0x30).longBinget(0);
    await refused('pickle', await pth(viaMemo.stop().bytes()), 'nested_memo.pth', /nests deeper than 1000/);
  });

  it('refuses the legacy (non-zip) torch.save format with a clear "unsupported"', async () => {
    const legacy = new PickleWriter().proto(2).raw(0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19).raw(0x2e).bytes();
    await refused('pickle', legacy, 'legacy.pth', /legacy .*unsupported/);
  });

  it('refuses a pickle whose top object is not a dict', async () => {
    await refused('pickle', await pth(new PickleWriter().proto(2).emptyList().stop().bytes()), 'list.pth', /not a state dict/);
  });
});

describe('malformed zip archives', () => {
  const pkl = stateDictPickle([W]).stop().bytes();
  const entry = (name: string, data = pkl) => ({ name, data });

  it('refuses duplicate, __proto__, ../ and absolute entry names', async () => {
    await refused('zip', await buildZip([entry('a/data.pkl'), entry('a/data.pkl')]), 'dup.pth', /duplicate zip entry name "a\/data.pkl"/);
    await refused('zip', await buildZip([entry('a/data.pkl'), entry('a/__proto__')]), 'proto.pth', /__proto__/);
    await refused('zip', await buildZip([entry('a/data.pkl'), entry('../../etc/evil')]), 'dotdot.pth', /escapes the archive/);
    await refused('zip', await buildZip([entry('a/data.pkl'), entry('/etc/passwd')]), 'abs.pth', /absolute/);
  });

  it('refuses an entry declaring 4 GB, a deflate bomb, a size-bomb declaration, corrupt deflate data', async () => {
    await refused('zip', await buildZip([{ name: 'a/data.pkl', data: pkl, declaredSize: 0xfffffffe, declaredCompressedSize: 0xfffffffe }]), '4gb.pth', /more than the file holds/);
    const zeros = new Uint8Array(16 << 20);
    await refused('zip', await buildZip([{ name: 'a/data.pkl', data: zeros, method: 8, declaredSize: 1000 }]), 'bomb.pth', /inflates past its declared size of 1000/);
    await refused('zip', await buildZip([{ name: 'a/data.pkl', data: pkl, method: 8, declaredSize: 0xfffffffe }]), 'bomb_declared.pth', /declares 4294967294 bytes uncompressed/);
    await refused('zip', await buildZip([{ name: 'a/data.pkl', data: pkl, method: 8, declaredSize: 500_000_000 }]), 'bomb_ratio.pth', /impossible ratio/);
    const junk = new Uint8Array(64).fill(0xff);
    const zip = await buildZip([{ name: 'a/data.pkl', data: pkl, method: 8 }]);
    // Overwrite the deflate payload (right after the 30-byte local header and the 10-byte name) with junk.
    zip.set(junk.subarray(0, 8), 40);
    await refused('zip', zip, 'corrupt_deflate.pth', /corrupt deflate data|inflated to/);
  });

  it('caps the total inflated bytes of an archive (overlapping or many deflated entries)', async () => {
    tried.zip++;
    const zip = await buildZip([{ name: 'a/x', data: new Uint8Array(4000), method: 8 }, { name: 'a/y', data: new Uint8Array(4000), method: 8 }]);
    const archive = readZipDirectory(zip, 'many.pth', { ...DEFAULT_ZIP_LIMITS, maxTotalInflatedBytes: 6000 });
    await readZipEntry(archive, archive.entries.get('a/x')!);
    const err = await readZipEntry(archive, archive.entries.get('a/y')!).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeightFileError);
    expect((err as WeightFileError).reason).toMatch(/more than 6000 bytes in all/);
  });

  it('refuses a .pth wrapped in another archive, a zip without data.pkl, a truncated zip', async () => {
    const inner = await pth(pkl);
    await refused('zip', await buildZip([{ name: 'vHeat_tiny.pth', data: inner }]), 'wrapped.zip', /wraps another file \("vHeat_tiny.pth"\)/);
    await refused('zip', await buildZip([{ name: 'readme.txt', data: new TextEncoder().encode('hi') }]), 'nopkl.pth', /no <folder>\/data.pkl/);
    await refused('zip', inner.subarray(0, inner.length - 30), 'cut.pth', /end-of-central-directory/);
    await refused('zip', await buildZip([entry('a/data.pkl'), entry('b/data.pkl')]), 'two.pth', /2 data.pkl entries/);
  });
});

/** A safetensors file from a raw header string and buffer, with an optional lying length. */
function st(header: string, buffer: Uint8Array, length?: bigint): Uint8Array {
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + h.length + buffer.length);
  new DataView(out.buffer).setBigUint64(0, length ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(buffer, 8 + h.length);
  return out;
}
const t = (dtype: string, shape: number[], begin: number, end: number) => ({ dtype, shape, data_offsets: [begin, end] });

describe('malformed safetensors', () => {
  const ok = JSON.stringify({ a: t('F32', [2], 0, 8) });
  it('refuses bad header lengths: 2^64-1, larger than the file, over 100 MB', async () => {
    await refused('safetensors', st(ok, new Uint8Array(8), 2n ** 64n - 1n), 'len_max.safetensors', /exceeds the 100000000-byte limit/);
    await refused('safetensors', st(ok, new Uint8Array(8), 5000n), 'len_big.safetensors', /larger than the file/);
    await refused('safetensors', st(ok, new Uint8Array(8), 100_000_001n), 'len_100mb.safetensors', /exceeds the 100000000-byte limit/);
    await refused('safetensors', new Uint8Array([1, 0, 0]), 'short.safetensors', /shorter than its 8-byte header length/);
  });

  it('refuses a header not starting with "{", invalid JSON, duplicate keys, non-string metadata', async () => {
    await refused('safetensors', st(` ${ok}`, new Uint8Array(8)), 'space.safetensors', /does not start with "\{"/);
    await refused('safetensors', st('[1,2,3]', new Uint8Array(8)), 'array.safetensors', /does not start with "\{"/);
    await refused('safetensors', st('{"a":', new Uint8Array(8)), 'json.safetensors', /not valid JSON/);
    const dup = `{"a":${JSON.stringify(t('F32', [2], 0, 8))},"a":${JSON.stringify(t('F32', [2], 0, 8))}}`;
    await refused('safetensors', st(dup, new Uint8Array(8)), 'dup.safetensors', /repeats the key "a"/);
    await refused('safetensors', st(JSON.stringify({ __metadata__: { x: 1 }, a: t('F32', [2], 0, 8) }), new Uint8Array(8)), 'meta.safetensors', /__metadata__ value "x" is not a string/);
  });

  it('refuses overlapping, gapped and inverted offsets, trailing bytes, wrong byte counts, unknown dtypes', async () => {
    await refused('safetensors', st(JSON.stringify({ a: t('F32', [2], 0, 8), b: t('F32', [2], 4, 12) }), new Uint8Array(12)), 'overlap.safetensors', /overlap/);
    await refused('safetensors', st(JSON.stringify({ a: t('F32', [2], 0, 8), b: t('F32', [2], 12, 20) }), new Uint8Array(20)), 'gap.safetensors', /gap of 4 bytes/);
    await refused('safetensors', st(JSON.stringify({ a: t('F32', [0], 8, 0) }), new Uint8Array(8)), 'inverted.safetensors', /inverted/);
    await refused('safetensors', st(ok, new Uint8Array(12)), 'trailing.safetensors', /4 trailing bytes/);
    await refused('safetensors', st(JSON.stringify({ a: t('F32', [3], 0, 8) }), new Uint8Array(8)), 'shape.safetensors', /needs 12 bytes, data_offsets give 8/);
    await refused('safetensors', st(JSON.stringify({ a: t('F8_E9M9', [2], 0, 8) }), new Uint8Array(8)), 'dtype.safetensors', /unknown dtype "F8_E9M9"/);
    await refused('safetensors', st(JSON.stringify({ a: t('F32', [2], 0, 2 ** 60) }), new Uint8Array(8)), 'unsafe.safetensors', /not two non-negative safe integers/);
    await refused('safetensors', st(JSON.stringify({ a: t('F32', [2], 0, 1000) }), new Uint8Array(8)), 'past.safetensors', /run past the 8-byte buffer/);
    await refused('safetensors', st(JSON.stringify({ a: { dtype: 'F32', shape: [1.5], data_offsets: [0, 4] } }), new Uint8Array(4)), 'frac.safetensors', /shape is not a list/);
  });

  it('refuses web-format metadata that lies (bad config, label count)', async () => {
    const m = await loadModelFile(new Uint8Array(readFileSync(new URL('../../../fixtures/torch/hcnet.pth', import.meta.url))), 'hcnet.pth');
    const good = readSafetensors(toWebFormat(m), 'x');
    const tensors = [...good.tensors].map(([name, v]) => ({ name, dtype: v.dtype, shape: v.shape, bytes: v.bytes }));
    const bad = (patch: Record<string, string>) => writeSafetensors(tensors, { ...good.metadata, ...patch });
    await refused('safetensors', bad({ config: JSON.stringify({ family: 'resnet' }) }), 'cfg.safetensors', /config.family/);
    await refused('safetensors', bad({ config: '{' }), 'cfgjson.safetensors', /config is not valid JSON/);
    await refused('safetensors', bad({ labels: JSON.stringify(['a']) }), 'labels.safetensors', /1 labels for 4 classes/);
    await refused('safetensors', bad({ config: JSON.stringify({ ...m.config, dims: [8, 16, 24, 48] }) }), 'dims.safetensors', /does not match hcnet.*wrong shapes/, 'mismatch');
    // Plain safetensors without config: detection, then missing and unexpected keys are both listed.
    const renamed = tensors.map((x) => (x.name === 'head.bias' ? { ...x, name: 'head.extra' } : x));
    await refused('safetensors', writeSafetensors(renamed, {}), 'keys.safetensors', /missing keys: head\.bias; unexpected keys: head\.extra/, 'mismatch');
  });
});

describe('vHeat state dicts with keys missing', () => {
  it('lists the missing key (detection still names the family)', async () => {
    const m = await loadModelFile(new Uint8Array(readFileSync(new URL('../../../fixtures/torch/vheat_bare_module.pth', import.meta.url))), 'v.pth');
    const st = readSafetensors(toWebFormat(m), 'x');
    const keep = [...st.tensors].filter(([name]) => name !== 'layers.1.0.op.to_k.0.weight');
    const bytes = writeSafetensors(keep.map(([name, v]) => ({ name, dtype: v.dtype, shape: v.shape, bytes: v.bytes })), {});
    await refused('safetensors', bytes, 'nok.safetensors', /does not match vheat .*missing keys: layers\.1\.0\.op\.to_k\.0\.weight$/, 'mismatch');
    const noHead = keep.filter(([name]) => !name.startsWith('classifier.'));
    await refused('safetensors', writeSafetensors(noHead.map(([name, v]) => ({ name, dtype: v.dtype, shape: v.shape, bytes: v.bytes })), {}), 'nohead.safetensors', /missing classifier\.3\.weight/);
  });
});

describe('files that are not checkpoints', () => {
  it('refuses another architecture (a ResNet) listing missing and unexpected keys', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../fixtures/torch/resnet.pth', import.meta.url)));
    await refused('other', bytes, 'resnet.pth', /not a vHeat, HcNet, ConvNeXt or ViT checkpoint\. Missing keys: patch_embed\.conv1\.weight.*Unexpected keys: conv1\.weight, bn1\.weight/);
  });

  it('refuses a text file renamed .pth, an empty file, gzip, tar and unknown binaries', async () => {
    await refused('other', new TextEncoder().encode('model weights are at https://example.org\n'), 'notes.pth', /a text file, not a checkpoint/);
    await refused('other', new Uint8Array(0), 'empty.pth', /empty file/);
    await refused('other', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 'x.pth.gz', /gzip/);
    const tar = new Uint8Array(1024);
    tar.set(new TextEncoder().encode('ustar'), 257);
    await refused('other', tar, 'x.tar', /tar archive/);
    await refused('other', new Uint8Array([0, 1, 2, 3, 0xfe, 0xff, 0, 0, 0]), 'blob.pth', /unrecognised file format/);
  });
});
