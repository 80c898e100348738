// Test-only: the project's own hostile corpus. Small files, generated in memory on every run
// (nothing large is committed), one or more per class of attack found against the readers: object
// floods, decompression without a budget, header checks the decoder does not honour, progressive scans,
// metadata asking for huge work, legal but huge work (over the resource budget), silent acceptance, globals outside the allowlist, hostile strings.
// Every entry says which reader it targets and whether it must be refused (with which code) or accepted.
// Used by tools/hostile/corpus.test.ts (fast, in process) and tools/hostile/run.ts
// (`npm run test:hostile`: every file through the CLI and the worker's readers, time and memory measured).

import jpeg from 'jpeg-js';
import { concatBytes } from '../bytes';
import type { InputErrorCode } from '../errors';
import { readSafetensors, writeSafetensors, type TensorToWrite } from '../weights/safetensors';
import { PickleWriter, stateDictPickle, type TensorSpec } from '../weights/testing/pickleWriter';
import { buildTorchZip, buildZip, crc32, f32Bytes } from '../weights/testing/zipWriter';

export type Reader = 'model' | 'image' | 'npy';

export interface HostileFile {
  /** File name (its extension chooses the reader, as for a user). */
  name: string;
  reader: Reader;
  /** The class of attack (the list at the top of this file, plus accepted controls). */
  klass: string;
  expect: 'refuse' | 'accept';
  /** The InputError code a refusal must carry. */
  code?: InputErrorCode;
  bytes: Uint8Array;
}

/** Real files the corpus derives from (read by the caller: the generator itself does no I/O). */
export interface CorpusSources {
  /** A web-format .safetensors model (public/models/hcnet-fashion-mnist.safetensors). */
  webModel: Uint8Array;
  /** A torch.save .pth model (fixtures/torch/hcnet.pth). */
  torchModel: Uint8Array;
  /** A small valid PNG (fixtures/images/coffee.png). */
  png: Uint8Array;
}

const W: TensorSpec = { name: 'w', key: '0', storageNumel: 6, shape: [2, 3], stride: [3, 1] };
const sixFloats = f32Bytes([1, 2, 3, 4, 5, 6]);

async function zlib(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function u32be(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = new Uint8Array(4 + data.length);
  body.set(new TextEncoder().encode(type));
  body.set(data, 4);
  const out = new Uint8Array(12 + data.length);
  out.set(u32be(data.length));
  out.set(body, 4);
  out.set(u32be(crc32(body)), 8 + data.length);
  return out;
}

const ihdr = (w: number, h: number, depth: number, colorType: number, interlace = 0) =>
  pngChunk('IHDR', new Uint8Array([...u32be(w), ...u32be(h), depth, colorType, 0, 0, interlace]));

const PNG_SIG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function png(header: Uint8Array[], raw: Uint8Array): Promise<Uint8Array> {
  return concatBytes([PNG_SIG, ...header, pngChunk('IDAT', await zlib(raw)), pngChunk('IEND', new Uint8Array(0))]);
}

/** Image classes: extreme aspect ratios, a second IHDR, an interlaced zlib bomb, JPEG desynchronisation and scans. */
export async function imageFiles(src: Pick<CorpusSources, 'png'>, fast: boolean): Promise<HostileFile[]> {
  const img = (name: string, klass: string, bytes: Uint8Array, code?: InputErrorCode): HostileFile =>
    ({ name, reader: 'image', klass, expect: code ? 'refuse' : 'accept', code, bytes });
  // 40000000 x 1, 1-bit grey: one 5 MB row of zeros, a few KB deflated; inside the 40 MP cap.
  const wide = await png([ihdr(40_000_000, 1, 1, 0)], new Uint8Array(1 + 5_000_000));
  // 1 x 40000000: 40 M rows of (filter byte, one byte).
  const tall = fast ? new Uint8Array(0) : await png([ihdr(1, 40_000_000, 1, 0)], new Uint8Array(2 * 40_000_000));
  const twoIhdr = await png([ihdr(1, 1, 8, 0), ihdr(20000, 20000, 8, 0)], new Uint8Array(2));
  // Interlaced 64x64 RGBA whose zlib stream inflates to 32 MB (the IHDR implies about 16 KB).
  const bomb = await png([ihdr(64, 64, 8, 6, 1)], new Uint8Array(32 << 20));
  // A valid 40 MP 16-bit PNG (6400 x 6250 grey, 16 bits: 80 MB of rows, deflated to ~80 KB): decoding it took
  // 1.3-1.5 GB and 13-21 s before the resource budget; now refused from its header.
  const big16 = fast ? new Uint8Array(0) : await png([ihdr(6400, 6250, 16, 0)], new Uint8Array(6250 * (1 + 6400 * 2)));
  const good = await png([ihdr(48, 40, 8, 2)], new Uint8Array(40 * (1 + 48 * 3)).map((_, i) => (i % (1 + 48 * 3) === 0 ? 0 : (i % 7) * 30)));
  const cut = src.png.slice(0, Math.floor(src.png.length / 2));
  return [
    img('wide-40000000x1.png', 'resampling intermediate', wide, 'too-large'),
    img('tall-1x40000000.png', 'resampling intermediate', tall, 'too-large'),
    img('second-ihdr.png', 'header the decoder does not honour', twoIhdr, 'mismatch'),
    img('interlaced-bomb.png', 'decompression without a budget', bomb, 'too-large'),
    img('chunk-past-end.png', 'truncated structure', cut, 'malformed'),
    img('good-48x40.png', 'accepted control', good),
    img('40mp-16bit.png', 'legal but huge', big16, 'too-large'),
    ...jpegFiles(),
  ];
}

/** JPEG segments of a real baseline file, split at SOS (everything before, the rest). */
function baselineJpeg(): { head: Uint8Array; scan: Uint8Array } {
  const pixels = new Uint8Array(48 * 40 * 4).map((_, i) => (i * 37) % 256);
  const bytes = new Uint8Array(jpeg.encode({ data: pixels, width: 48, height: 40 }, 80).data);
  for (let i = 2; i < bytes.length;) {
    const marker = bytes[i + 1];
    if (marker === 0xda) return { head: bytes.subarray(0, i), scan: bytes.subarray(i) };
    i += 2 + ((bytes[i + 2] << 8) | bytes[i + 3]);
  }
  throw new Error('jpeg-js wrote no scan');
}

function jpegFiles(): HostileFile[] {
  const { head, scan } = baselineJpeg();
  const img = (name: string, klass: string, bytes: Uint8Array, code?: InputErrorCode): HostileFile =>
    ({ name, reader: 'image', klass, expect: code ? 'refuse' : 'accept', code, bytes });
  // A DHT whose declared length is 2 bytes short: its tables run past it (jpeg-js keeps reading, a walk by lengths does not).
  const dht = head.slice();
  for (let i = 2; i < dht.length;) {
    const len = (dht[i + 2] << 8) | dht[i + 3];
    if (dht[i + 1] === 0xc4) {
      dht[i + 3] -= 2;
      break;
    }
    i += 2 + len;
  }
  // A second frame header (4000 x 4000, under the pixel cap) after the first.
  const sof = [0xff, 0xc0, 0, 11, 8, ...[0x0f, 0xa0], ...[0x0f, 0xa0], 1, 1, 0x11, 0];
  // Progressive: SOF2 and 300 tiny scans.
  const prog = head.slice();
  for (let i = 2; i < prog.length;) {
    if (prog[i + 1] === 0xc0) prog[i + 1] = 0xc2;
    i += 2 + ((prog[i + 2] << 8) | prog[i + 3]);
  }
  const tinyScan = [0xff, 0xda, 0, 8, 1, 1, 0, 0, 0, 0, 0x00];
  // A 40 MP baseline JPEG's frame (6400 x 6250) over a small file's scan: decoding a real one took 0.8 GB; the
  // resource budget refuses it from the header, before any decoding (a real 40 MP JPEG takes minutes to encode here).
  const big = head.slice();
  for (let i = 2; i < big.length;) {
    if (big[i + 1] === 0xc0) big.set([6250 >> 8, 6250 & 0xff, 6400 >> 8, 6400 & 0xff], i + 5);
    i += 2 + ((big[i + 2] << 8) | big[i + 3]);
  }
  const scans = new Uint8Array(300 * tinyScan.length).map((_, i) => tinyScan[i % tinyScan.length]);
  return [
    img('dht-past-length.jpg', 'header the decoder does not honour', concatBytes([dht, scan]), 'malformed'),
    img('second-frame.jpg', 'header the decoder does not honour', concatBytes([head, new Uint8Array(sof), scan]), 'mismatch'),
    img('40mp.jpg', 'legal but huge', concatBytes([big, scan]), 'too-large'),
    img('progressive-300-scans.jpg', 'progressive scans', concatBytes([prog, scans, new Uint8Array([0xff, 0xd9])]), 'too-large'),
    img('good-48x40.jpg', 'accepted control', concatBytes([head, scan])),
  ];
}

const pth = (pickle: Uint8Array, storages: Record<string, Uint8Array> = { '0': sixFloats }) => buildTorchZip(pickle, storages);

/** A config dict that references `module.name` through REDUCE (never called by the reader; Python would). */
function globalCall(module: string, name: string): Uint8Array {
  const w = stateDictPickle([W]);
  const inner = new PickleWriter().proto(2).emptyDict().str('model');
  // {'model': <state dict>, 'config': module.name('print(1)')}
  const sd = w.bytes().subarray(2);
  inner.raw(...sd).str('config').global(module, name).mark().str('print(1)').tuple().reduce().setitem().setitem();
  return inner.stop().bytes();
}

/** Pickle classes: floods, globals outside the allowlist, float shapes. */
async function pickleFiles(): Promise<HostileFile[]> {
  const model = (name: string, klass: string, bytes: Uint8Array, code: InputErrorCode): HostileFile =>
    ({ name, reader: 'model', klass, expect: 'refuse', code, bytes });
  const dicts = new PickleWriter().proto(2).emptyList();
  for (let i = 0; i < 600_000; i++) dicts.emptyDict().append();
  const tuples = new PickleWriter().proto(2);
  for (let i = 0; i < 600_000; i++) tuples.emptyTuple().raw(0x30);
  const memo = new PickleWriter().proto(4).none();
  for (let i = 0; i < 600_000; i++) memo.raw(0x94);
  const globals = [
    ['cProfile', 'run'], ['profile', 'run'], ['torch.fx.graph_module', '_forward_from_src'], ['torch._tensor', '_rebuild_from_type_v2'],
    ['numpy.testing._private.utils', 'runstring'], ['torch.storage', '_load_from_bytes'], ['os', 'system'], ['builtins', 'getattr'],
  ];
  const out: HostileFile[] = [
    model('flood-dicts.pth', 'pickle object flood', await pth(dicts.newFalse().raw(0x30).emptyDict().stop().bytes()), 'too-large'),
    model('flood-tuples.pth', 'pickle object flood', await pth(tuples.emptyDict().stop().bytes()), 'too-large'),
    model('flood-memo.pth', 'pickle object flood', await pth(memo.stop().bytes()), 'too-large'),
  ];
  for (const [m, n] of globals) out.push(model(`global-${m}.${n}.pth`, 'allowlist', await pth(globalCall(m, n)), 'forbidden'));
  // Shape (2.0, 3.0): BINFLOATs where ints belong.
  const f = (x: number) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, false);
    return [0x47, ...b];
  };
  const good = stateDictPickle([W]).stop().bytes();
  const intShape = [0x28, 0x4b, 2, 0x4b, 3, 0x74]; // MARK 2 3 TUPLE
  const at = good.findIndex((_, i) => intShape.every((b, j) => good[i + j] === b));
  if (at < 0) throw new Error('no shape tuple in the pickle');
  const floats = concatBytes([good.subarray(0, at), new Uint8Array([0x28, ...f(2), ...f(3), 0x74]), good.subarray(at + intShape.length)]);
  out.push(model('float-shape.pth', 'silent acceptance', await pth(floats), 'malformed'));
  // One storage read as Float and as Half.
  const twoDtypes = stateDictPickle([W, { ...W, name: 'v', storageClass: 'HalfStorage' }]).stop().bytes();
  out.push(model('one-storage-two-dtypes.pth', 'silent acceptance', await pth(twoDtypes), 'mismatch'));
  return out;
}

/** Zip classes: inflation past what the records need, overlapping entries. */
async function zipFiles(fast: boolean): Promise<HostileFile[]> {
  const model = (name: string, klass: string, bytes: Uint8Array, code: InputErrorCode): HostileFile =>
    ({ name, reader: 'model', klass, expect: 'refuse', code, bytes });
  const pkl = stateDictPickle([W]).stop().bytes();
  // A valid pickle followed by 80 MB of zeros, deflated (data.pkl declares 80 MB).
  const trailing = concatBytes([pkl, new Uint8Array(fast ? 0 : 80 << 20)]);
  const pklBomb = await buildZip([{ name: 'archive/data.pkl', data: trailing, method: 8 }, { name: 'archive/data/0', data: sixFloats }]);
  // Two storages of 16 MB each, deflated to a few KB, for tensors of 6 floats.
  const padded = stateDictPickle([W, { ...W, name: 'v', key: '1' }]).stop().bytes();
  const big = new Uint8Array(16 << 20);
  const pad = await buildZip([
    { name: 'archive/data.pkl', data: padded }, { name: 'archive/data/0', data: big, method: 8 }, { name: 'archive/data/1', data: big, method: 8 },
  ]);
  // Two storages whose central-directory records point at the same local entry.
  const overlap = await buildTorchZip(stateDictPickle([W, { ...W, name: 'v', key: '1' }]).stop().bytes(), { '0': sixFloats, '1': sixFloats });
  pointSecondStorageAtFirst(overlap);
  return [
    model('pickle-then-zeros.pth', 'decompression without a budget', pklBomb, 'too-large'),
    model('padded-storages.pth', 'decompression without a budget', pad, 'too-large'),
    model('overlapping-entries.pth', 'decompression without a budget', overlap, 'malformed'),
  ];
}

/** Rewrites the central directory record of `archive/data/1` to the local header offset of `archive/data/0`. */
function pointSecondStorageAtFirst(zip: Uint8Array): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const dec = new TextDecoder();
  const offsets = new Map<string, number>();
  const records = new Map<string, number>();
  for (let i = 0; i + 46 < zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const n = view.getUint16(i + 28, true);
    const name = dec.decode(zip.subarray(i + 46, i + 46 + n));
    offsets.set(name, view.getUint32(i + 42, true));
    records.set(name, i);
  }
  view.setUint32((records.get('archive/data/1') as number) + 42, offsets.get('archive/data/0') as number, true);
}

/** safetensors classes from a real web-format model: metadata, duplicates, NaN, hostile strings, token floods. */
function safetensorsFiles(src: CorpusSources): HostileFile[] {
  const st = readSafetensors(src.webModel, 'model.safetensors');
  const tensors: TensorToWrite[] = [...st.tensors].map(([name, t]) => ({ name, dtype: t.dtype, shape: t.shape, bytes: t.bytes }));
  const prep = JSON.parse(st.metadata.preprocessing) as Record<string, unknown>;
  const meta = (patch: Record<string, unknown>) => writeSafetensors(tensors, { ...st.metadata, preprocessing: JSON.stringify({ ...prep, ...patch }) });
  const model = (name: string, klass: string, bytes: Uint8Array, code?: InputErrorCode): HostileFile =>
    ({ name, reader: 'model', klass, expect: code ? 'refuse' : 'accept', code, bytes });
  const nan = tensors.map((t, i) => (i === 0 ? { ...t, bytes: f32Bytes([Number.NaN, ...Array.from(new Float32Array(t.bytes.slice().buffer).subarray(1))]) } : t));
  const inf = tensors.map((t, i) => (i === 1 ? { ...t, bytes: f32Bytes(Array.from(new Float32Array(t.bytes.slice().buffer)).map(() => Infinity)) } : t));
  const dup = [...tensors, { ...tensors[0], name: `module.${tensors[0].name}` }];
  const raw = (header: string) => {
    const h = new TextEncoder().encode(header);
    const out = new Uint8Array(8 + h.length);
    new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
    out.set(h, 8);
    return out;
  };
  const longKey = raw(JSON.stringify({ ['k'.repeat(5 << 20)]: { dtype: 'F32', shape: [0], data_offsets: [0, 0] } }));
  const longDtype = raw(JSON.stringify({ a: { dtype: 'D'.repeat(5 << 20), shape: [0], data_offsets: [0, 0] } }));
  const tokens = raw(`{"a":{"dtype":"F32","shape":[${new Array(3_000_000).fill('0').join(',')}],"data_offsets":[0,0]}}`);
  return [
    model('input-size-16384.safetensors', 'metadata asks for huge work', meta({ inputSize: 16384, resizeTo: 16384 }), 'invalid-value'),
    // Inside MAX_INPUT_SIZE but its forward pass is not inside the budget (it ran 35-47 s to a wasm abort at 4.2 GB).
    model('input-size-4096.safetensors', 'legal but huge', meta({ inputSize: 4096, resizeTo: 4096 }), 'too-large'),
    model('mean-1e308.safetensors', 'metadata asks for huge work', meta({ mean: [1e308, 0, 0] }), 'invalid-value'),
    model('std-1e-300.safetensors', 'metadata asks for huge work', meta({ std: [1e-300, 1, 1] }), 'invalid-value'),
    model('x-and-module-x.safetensors', 'silent acceptance', writeSafetensors(dup, st.metadata), 'mismatch'),
    model('nan-weight.safetensors', 'silent acceptance', writeSafetensors(nan, st.metadata), 'invalid-value'),
    model('inf-weights.safetensors', 'silent acceptance', writeSafetensors(inf, st.metadata), 'invalid-value'),
    model('key-5mb.safetensors', 'messages', longKey, 'too-large'),
    model('dtype-5mb.safetensors', 'messages', longDtype, 'unsupported'),
    model('three-million-values.safetensors', 'messages', tokens, 'too-large'),
    model('web-model.safetensors', 'accepted control', src.webModel),
  ];
}

/** .npy classes: NaN inputs, shapes beyond the input limit, legal inputs over the resource budget. */
function npyFiles(): HostileFile[] {
  const npy = (shape: number[], values: Float32Array) => {
    let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
    header = header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11, ' ') + '\n';
    const out = new Uint8Array(10 + header.length + values.byteLength);
    out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
    out.set(new TextEncoder().encode(header), 10);
    out.set(new Uint8Array(values.buffer), 10 + header.length);
    return out;
  };
  const nan = new Float32Array(3 * 32 * 32).fill(Number.NaN);
  return [
    { name: 'nan-input.npy', reader: 'npy', klass: 'metadata asks for huge work', expect: 'refuse', code: 'invalid-value', bytes: npy([1, 3, 32, 32], nan) },
    { name: 'huge-shape.npy', reader: 'npy', klass: 'metadata asks for huge work', expect: 'refuse', code: 'too-large', bytes: npy([1, 3, 100000, 100000], new Float32Array(0)) },
    // A valid 1x3x2048x2048 input (48 MB): reading it is fine, its forward pass (2.1 GB before the budget) is not.
    { name: 'valid-1x3x2048x2048.npy', reader: 'npy', klass: 'legal but huge', expect: 'refuse', code: 'too-large', bytes: npy([1, 3, 2048, 2048], new Float32Array(3 * 2048 * 2048)) },
    // A batch of 4096 64x64 images declared (the header; 200 MB of data would follow): reading it alone is over the budget.
    { name: 'batch-4096x3x64x64.npy', reader: 'npy', klass: 'legal but huge', expect: 'refuse', code: 'too-large', bytes: npy([4096, 3, 64, 64], new Float32Array(0)) },
  ];
}

/** The whole corpus (about 40 files, a few MB each at most). `fast` leaves out the files that take the
 *  generator longest to build (80 MB of zeros deflated twice); the refusals they test stay covered by siblings. */
export async function hostileCorpus(src: CorpusSources, opts: { fast?: boolean } = {}): Promise<HostileFile[]> {
  const slow = new Set(['tall-1x40000000.png', 'pickle-then-zeros.pth', '40mp-16bit.png']);
  const all = [
    ...(await pickleFiles()),
    ...(await zipFiles(opts.fast ?? false)),
    ...safetensorsFiles(src),
    ...(await imageFiles(src, opts.fast ?? false)),
    ...npyFiles(),
    { name: 'torch-model.pth', reader: 'model', klass: 'accepted control', expect: 'accept', bytes: src.torchModel } satisfies HostileFile,
  ];
  return opts.fast ? all.filter((f) => !slow.has(f.name)) : all;
}
