// torch.save zip archives: locate `<folder>/data.pkl`, unpickle it (restricted), and turn
// tensor records into float32 data from their storage records, honouring storage offsets,
// strides and shared storages. Only the tensors asked for are ever decoded.

import { quoted } from '../errors';
import { MAX_PICKLE_BYTES } from '../limits';
import { WeightFileError, check } from './errors';
import { halfToFloatTable } from './float16';
import { PyFloat, PyGlobal, PyTuple, TensorRecord, unpickle, type PickleLimits, type PyValue } from './pickle';
import { readZipDirectory, readZipEntry, type ZipArchive, type ZipEntry } from './zip';

export type TorchDtype = 'f32' | 'f16' | 'bf16' | 'f64' | 'i64' | 'i32' | 'i16' | 'i8' | 'u8' | 'bool';

const STORAGE_DTYPES: Record<string, TorchDtype> = {
  FloatStorage: 'f32',
  HalfStorage: 'f16',
  BFloat16Storage: 'bf16',
  DoubleStorage: 'f64',
  LongStorage: 'i64',
  IntStorage: 'i32',
  ShortStorage: 'i16',
  CharStorage: 'i8',
  ByteStorage: 'u8',
  BoolStorage: 'bool',
};

export const DTYPE_BYTES: Record<TorchDtype, number> = { f32: 4, f16: 2, bf16: 2, f64: 8, i64: 8, i32: 4, i16: 2, i8: 1, u8: 1, bool: 1 };

export interface TorchCheckpoint {
  file: string;
  archive: ZipArchive;
  /** The archive's top folder (varies: `archive`, the file stem, ...). */
  folder: string;
  /** The unpickled object (a dict for checkpoints and state dicts). */
  root: PyValue;
  /** Storage bytes already read, by key (shared storages are read once). */
  storages: Map<string, Uint8Array>;
}

/** Resolved description of a tensor record: everything checked except the storage bytes. */
export interface TensorInfo {
  dtype: TorchDtype;
  key: string;
  /** Elements in the storage, as declared in the pickle. */
  storageNumel: number;
  offset: number;
  shape: number[];
  stride: number[];
}

/** How much larger than its declared storage a storage record may be. */
const STORAGE_SLACK_BYTES = 4096;

const ARCHIVE_EXT = /\.(pth|pt|ckpt|bin|zip|tar|tgz|gz|7z|rar|safetensors)$/i;

/** Opens the archive and unpickles data.pkl. Tensor data is not read. */
export async function readTorchCheckpoint(bytes: Uint8Array, file: string, pickleLimits?: PickleLimits): Promise<TorchCheckpoint> {
  const archive = readZipDirectory(bytes, file);
  const pkls = [...archive.entries.keys()].filter((n) => /^[^/]+\/data\.pkl$/.test(n));
  if (pkls.length === 0) {
    const inner = [...archive.entries.keys()].find((n) => ARCHIVE_EXT.test(n));
    if (inner) throw new WeightFileError(file, `zip archive wraps another file (${quoted(inner)}): extract it first`, 'unsupported');
    throw new WeightFileError(file, 'zip archive has no <folder>/data.pkl: not a torch.save checkpoint', 'unknown-format');
  }
  check(pkls.length === 1, file, `zip archive has ${pkls.length} data.pkl entries (one expected)`);
  const folder = pkls[0].slice(0, -'/data.pkl'.length);
  const order = archive.entries.get(`${folder}/byteorder`);
  if (order) {
    check(order.size <= 64, file, 'zip entry byteorder is larger than 64 bytes');
    const text = new TextDecoder().decode(await readZipEntry(archive, order)).trim();
    check(text === 'little', file, `tensor byte order ${JSON.stringify(text.slice(0, 20))} is not supported (little-endian only)`);
  }
  const pklEntry = archive.entries.get(pkls[0]) as ZipEntry;
  check(pklEntry.size <= MAX_PICKLE_BYTES, file, `data.pkl is ${pklEntry.size} bytes, over the ${MAX_PICKLE_BYTES}-byte limit`, 'too-large');
  const pkl = await readZipEntry(archive, pklEntry);
  const root = unpickle(pkl, file, pickleLimits);
  return { file, archive, folder, root, storages: new Map() };
}

function safeInt(v: PyValue, file: string, what: string): number {
  if (typeof v === 'bigint') throw new WeightFileError(file, `${what} ${v} is past 2^53`, 'too-large');
  if (v instanceof PyFloat) throw new WeightFileError(file, `${what} is a float (${v.value}), not an integer`);
  check(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0, file, `${what} is not a non-negative integer`);
  return v as number;
}

function intList(v: PyValue, file: string, what: string): number[] {
  const items = v instanceof PyTuple ? v.items : Array.isArray(v) ? v : null;
  check(items !== null, file, `${what} is not a tuple`);
  check((items as PyValue[]).length <= 16, file, `${what} has more than 16 dimensions`);
  return (items as PyValue[]).map((x, i) => safeInt(x, file, `${what}[${i}]`));
}

/** Checks a tensor record's metadata (dtype, sizes, offsets, strides within the declared storage). */
export function tensorInfo(rec: TensorRecord, file: string): TensorInfo {
  const pid = rec.storage.pid;
  check(pid instanceof PyTuple && pid.items.length >= 5 && pid.items[0] === 'storage', file, 'tensor storage reference is not a torch storage record');
  const [, type, key, , numelV] = (pid as PyTuple).items;
  check(type instanceof PyGlobal && type.module === 'torch', file, 'tensor storage type is not a torch storage class');
  const name = (type as PyGlobal).name;
  const dtype = Object.prototype.hasOwnProperty.call(STORAGE_DTYPES, name) ? STORAGE_DTYPES[name] : undefined;
  check(dtype !== undefined, file, `unsupported tensor dtype (storage class ${quoted((type as PyGlobal).qualified)})`, 'unsupported');
  check(typeof key === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(key as string), file, 'tensor storage key is malformed');
  const storageNumel = safeInt(numelV, file, 'storage size');
  const offset = safeInt(rec.storageOffset, file, 'tensor storage offset');
  const shape = intList(rec.size, file, 'tensor shape');
  const stride = intList(rec.stride, file, 'tensor stride');
  check(shape.length === stride.length, file, `tensor shape (${shape}) and stride (${stride}) differ in rank`);
  let numel = 1;
  let last = offset;
  for (let i = 0; i < shape.length; i++) {
    numel *= shape[i];
    check(Number.isSafeInteger(numel), file, 'tensor element count is past 2^53', 'too-large');
    if (shape[i] > 0) last += (shape[i] - 1) * stride[i];
  }
  check(Number.isSafeInteger(last), file, 'tensor extent is past 2^53');
  if (numel > 0) {
    check(last < storageNumel, file,
      `tensor (offset ${offset}, shape [${shape}], stride [${stride}]) reaches element ${last} of a storage of ${storageNumel}`);
  }
  return { dtype, key: key as string, storageNumel, offset, shape, stride };
}

/** Checks that a tensor's storage record exists and is long enough (without reading it). */
export function checkTensorStorage(ckpt: TorchCheckpoint, info: TensorInfo): ZipEntry {
  const entry = ckpt.archive.entries.get(`${ckpt.folder}/data/${info.key}`);
  check(entry !== undefined, ckpt.file, `storage record data/${info.key} is missing from the archive`);
  const need = info.storageNumel * DTYPE_BYTES[info.dtype];
  check((entry as ZipEntry).size >= need, ckpt.file,
    `storage record data/${info.key} holds ${(entry as ZipEntry).size} bytes, shorter than its ${need}-byte storage`);
  // torch.save writes exactly the storage's bytes: a record far larger is padding meant to be inflated for nothing.
  check((entry as ZipEntry).size <= need + STORAGE_SLACK_BYTES, ckpt.file,
    `storage record data/${info.key} holds ${(entry as ZipEntry).size} bytes, far more than its ${need}-byte storage (padded?)`, 'too-large');
  return entry as ZipEntry;
}

async function storageBytes(ckpt: TorchCheckpoint, info: TensorInfo): Promise<Uint8Array> {
  const cached = ckpt.storages.get(info.key);
  if (cached) return cached;
  const entry = checkTensorStorage(ckpt, info);
  const need = info.storageNumel * DTYPE_BYTES[info.dtype];
  // Only the bytes the storage declares are inflated (an entry may carry more: never read past `need`).
  const bytes = await readZipEntry(ckpt.archive, entry, need);
  ckpt.storages.set(info.key, bytes);
  return bytes;
}

/** Element reader for a dtype over little-endian bytes, as float. */
function elementReader(dtype: TorchDtype, bytes: Uint8Array): (i: number) => number {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  switch (dtype) {
    case 'f32': return (i) => v.getFloat32(4 * i, true);
    case 'f64': return (i) => v.getFloat64(8 * i, true);
    case 'f16': {
      const table = halfToFloatTable();
      return (i) => table[v.getUint16(2 * i, true)];
    }
    case 'bf16': return (i) => {
      u32[0] = v.getUint16(2 * i, true) << 16;
      return f32[0];
    };
    case 'i64': return (i) => Number(v.getBigInt64(8 * i, true));
    case 'i32': return (i) => v.getInt32(4 * i, true);
    case 'i16': return (i) => v.getInt16(2 * i, true);
    case 'i8': return (i) => v.getInt8(i);
    case 'u8': return (i) => v.getUint8(i);
    case 'bool': return (i) => (v.getUint8(i) ? 1 : 0);
  }
}

function isContiguous(shape: number[], stride: number[]): boolean {
  let expect = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && stride[i] !== expect) return false;
    expect *= shape[i];
  }
  return true;
}

/** Reads a tensor record as row-major float32 (one copy; a plain slice for aligned contiguous f32). */
export async function readTensor(ckpt: TorchCheckpoint, rec: TensorRecord): Promise<{ shape: number[]; data: Float32Array; dtype: TorchDtype }> {
  const info = tensorInfo(rec, ckpt.file);
  const bytes = await storageBytes(ckpt, info);
  const { shape, stride, offset, dtype } = info;
  const numel = shape.reduce((a, b) => a * b, 1);
  if (numel === 0) return { shape, data: new Float32Array(0), dtype };
  if (dtype === 'f32' && isContiguous(shape, stride) && (bytes.byteOffset & 3) === 0) {
    const all = new Float32Array(bytes.buffer, bytes.byteOffset, info.storageNumel);
    return { shape, data: all.slice(offset, offset + numel), dtype };
  }
  const read = elementReader(dtype, bytes);
  const data = new Float32Array(numel);
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  let src = offset;
  for (let o = 0; o < numel; o++) {
    data[o] = read(src);
    // Odometer over the indices, moving `src` by the strides.
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]++;
      src += stride[d];
      if (idx[d] < shape[d]) break;
      src -= stride[d] * shape[d];
      idx[d] = 0;
    }
  }
  return { shape, data, dtype };
}
