// safetensors reader and writer, following the format spec
// (https://github.com/huggingface/safetensors#format): u64 little-endian header length N,
// N bytes of UTF-8 JSON starting with `{` (may be padded with spaces), then the byte buffer.
// Every tensor's data_offsets are relative to the buffer, must tile it exactly (sorted,
// contiguous, no gaps, no overlap, no trailing bytes) and match dtype x shape.

import { quoted } from '../errors';
import { MAX_HEADER_BYTES, MAX_HEADER_TOKENS, MAX_TENSOR_NAME_CHARS, MAX_TENSORS_PER_FILE } from '../limits';
import { WeightFileError, check } from './errors';
import { halfToFloatTable } from './float16';

export type SafetensorsDtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

export const SAFETENSORS_DTYPE_BYTES: Record<SafetensorsDtype, number> = {
  F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1,
};

export { MAX_HEADER_BYTES } from '../limits';

export interface SafetensorsTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  /** The tensor's bytes: a view into the file (no copy). */
  bytes: Uint8Array;
}

export interface SafetensorsFile {
  metadata: Record<string, string>;
  /** In file (offset) order. */
  tensors: Map<string, SafetensorsTensor>;
}

function isDtype(s: unknown): s is SafetensorsDtype {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(SAFETENSORS_DTYPE_BYTES, s);
}

/** Refuses JSON objects with a repeated key (JSON.parse would keep the last one silently). */
function checkNoDuplicateKeys(text: string, file: string): void {
  const frames: { keys: Set<string> | null; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = frames[frames.length - 1];
      if (top && top.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        check(!top.keys.has(key), file, `safetensors header repeats the key ${quoted(key)}`, 'mismatch');
        top.keys.add(key);
        top.expectKey = false;
      }
      i = j;
    } else if (c === '{') frames.push({ keys: new Set(), expectKey: true });
    else if (c === '[') frames.push({ keys: null, expectKey: false });
    else if (c === '}' || c === ']') frames.pop();
    else if (c === ',') {
      const top = frames[frames.length - 1];
      if (top && top.keys) top.expectKey = true;
    }
  }
}

/** JSON separators (, : [ {) outside strings: bounds what JSON.parse builds (a real header has ~10 per tensor). */
function countTokens(text: string): number {
  let n = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x2c || c === 0x3a || c === 0x5b || c === 0x7b) n++;
  }
  return n;
}

/** JSON.parse reads 2.0 as 2: shapes written as floats are found in the text itself. */
function checkIntegerShapes(text: string, file: string): void {
  for (const m of text.matchAll(/"shape"\s*:\s*\[([^\]]*)\]/g)) {
    check(/^[\s\d,]*$/.test(m[1]), file, `a tensor shape is not a list of integers ([${m[1].slice(0, 40)}])`);
  }
}

function safeNonNegInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Parses and fully checks a safetensors file. Tensor bytes are views into `bytes`. */
export function readSafetensors(bytes: Uint8Array, file: string): SafetensorsFile {
  check(bytes.length >= 8, file, `safetensors file of ${bytes.length} bytes is shorter than its 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n64 = view.getBigUint64(0, true);
  check(n64 <= BigInt(MAX_HEADER_BYTES), file, `safetensors header length ${n64} exceeds the ${MAX_HEADER_BYTES}-byte limit`, 'too-large');
  const n = Number(n64);
  check(8 + n <= bytes.length, file, `safetensors header length ${n} is larger than the file (${bytes.length} bytes)`);
  check(n >= 2 && bytes[8] === 0x7b, file, 'safetensors header does not start with "{"');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    throw new WeightFileError(file, 'safetensors header is not valid UTF-8');
  }
  check(countTokens(text) <= MAX_HEADER_TOKENS, file, `safetensors header has more than ${MAX_HEADER_TOKENS} JSON values`, 'too-large');
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw new WeightFileError(file, `safetensors header is not valid JSON (${(e as Error).name})`);
  }
  check(typeof header === 'object' && header !== null && !Array.isArray(header), file, 'safetensors header is not a JSON object');
  checkNoDuplicateKeys(text, file);
  checkIntegerShapes(text, file);
  check(Object.keys(header as object).length <= MAX_TENSORS_PER_FILE + 1, file, `safetensors header lists more than ${MAX_TENSORS_PER_FILE} tensors`, 'too-large');

  const buffer = bytes.subarray(8 + n);
  let metadata: Record<string, string> = {};
  const entries: { name: string; dtype: SafetensorsDtype; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      check(typeof raw === 'object' && raw !== null && !Array.isArray(raw), file, '__metadata__ is not an object');
      metadata = {};
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        check(typeof v === 'string', file, `__metadata__ value ${quoted(k)} is not a string`);
        metadata[k] = v as string;
      }
      continue;
    }
    const q = quoted(name);
    check(name.length <= MAX_TENSOR_NAME_CHARS, file, `tensor ${q}: name longer than ${MAX_TENSOR_NAME_CHARS} characters`, 'too-large');
    check(typeof raw === 'object' && raw !== null && !Array.isArray(raw), file, `tensor ${q}: entry is not an object`);
    const t = raw as Record<string, unknown>;
    check(isDtype(t.dtype), file, () => `tensor ${q}: unknown dtype ${typeof t.dtype === 'string' ? quoted(t.dtype, 20) : `(a ${typeof t.dtype})`}`, 'unsupported');
    check(Array.isArray(t.shape) && (t.shape as unknown[]).every(safeNonNegInt), file, `tensor ${q}: shape is not a list of non-negative safe integers`);
    const offs = t.data_offsets;
    check(Array.isArray(offs) && offs.length === 2 && offs.every(safeNonNegInt), file, `tensor ${q}: data_offsets is not two non-negative safe integers`);
    const [begin, end] = offs as number[];
    check(begin <= end, file, `tensor ${q}: data_offsets [${begin}, ${end}] are inverted`);
    check(end <= buffer.length, file, `tensor ${q}: data_offsets [${begin}, ${end}] run past the ${buffer.length}-byte buffer`);
    const shape = t.shape as number[];
    let numel = 1;
    for (const d of shape) {
      numel *= d;
      check(Number.isSafeInteger(numel), file, `tensor ${q}: element count past 2^53`, 'too-large');
    }
    const dtype = t.dtype as SafetensorsDtype;
    check(numel * SAFETENSORS_DTYPE_BYTES[dtype] === end - begin, file,
      `tensor ${q}: ${dtype} [${shape}] needs ${numel * SAFETENSORS_DTYPE_BYTES[dtype]} bytes, data_offsets give ${end - begin}`);
    entries.push({ name, dtype, shape, begin, end });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  for (const e of entries) {
    check(e.begin >= at, file, `tensor ${quoted(e.name)}: data_offsets overlap the previous tensor`);
    check(e.begin === at, file, `tensor ${quoted(e.name)}: gap of ${e.begin - at} bytes before its data`);
    at = e.end;
  }
  check(at === buffer.length, file, `${buffer.length - at} trailing bytes after the last tensor`);
  const tensors = new Map<string, SafetensorsTensor>();
  for (const e of entries) tensors.set(e.name, { dtype: e.dtype, shape: e.shape, bytes: buffer.subarray(e.begin, e.end) });
  return { metadata, tensors };
}

export interface TensorToWrite {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  /** Little-endian element bytes, dtype x shape long. */
  bytes: Uint8Array;
}

/** What the writer's refusals name: the file being written has no name yet. */
const OUTPUT = 'output .safetensors';

/** Writes a safetensors file in the given tensor order; header padded with spaces to 8 bytes. */
export function writeSafetensors(tensors: TensorToWrite[], metadata: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let at = 0;
  for (const t of tensors) {
    const reserved = t.name === '__metadata__' || Object.prototype.hasOwnProperty.call(header, t.name);
    check(!reserved, OUTPUT, `duplicate or reserved tensor name ${quoted(t.name)}`, 'usage');
    const need = t.shape.reduce((a, b) => a * b, 1) * SAFETENSORS_DTYPE_BYTES[t.dtype];
    check(need === t.bytes.length, OUTPUT, () => `tensor ${quoted(t.name)}: ${t.bytes.length} bytes for ${t.dtype} [${t.shape}]`, 'usage');
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [at, at + need] };
    at += need;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + at);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let o = 8 + json.length;
  for (const t of tensors) {
    out.set(t.bytes, o);
    o += t.bytes.length;
  }
  return out;
}

/** A safetensors tensor as float32 (one copy). */
export function safetensorToFloat32(t: SafetensorsTensor): Float32Array {
  const n = t.shape.reduce((a, b) => a * b, 1);
  const b = t.bytes;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (t.dtype === 'F32') {
    if ((b.byteOffset & 3) === 0) return new Float32Array(b.buffer, b.byteOffset, n).slice();
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = v.getFloat32(4 * i, true);
    return out;
  }
  const out = new Float32Array(n);
  switch (t.dtype) {
    case 'F16': {
      const table = halfToFloatTable();
      for (let i = 0; i < n; i++) out[i] = table[v.getUint16(2 * i, true)];
      break;
    }
    case 'BF16': {
      const u = new Uint32Array(out.buffer);
      for (let i = 0; i < n; i++) u[i] = v.getUint16(2 * i, true) << 16;
      break;
    }
    case 'F64': for (let i = 0; i < n; i++) out[i] = v.getFloat64(8 * i, true); break;
    case 'I64': for (let i = 0; i < n; i++) out[i] = Number(v.getBigInt64(8 * i, true)); break;
    case 'I32': for (let i = 0; i < n; i++) out[i] = v.getInt32(4 * i, true); break;
    case 'I16': for (let i = 0; i < n; i++) out[i] = v.getInt16(2 * i, true); break;
    case 'I8': for (let i = 0; i < n; i++) out[i] = v.getInt8(i); break;
    case 'U8': for (let i = 0; i < n; i++) out[i] = v.getUint8(i); break;
    case 'BOOL': for (let i = 0; i < n; i++) out[i] = v.getUint8(i) ? 1 : 0; break;
  }
  return out;
}
