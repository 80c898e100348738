// NumPy .npy reader for the command line's `predict` inputs: float32 little-endian, C order,
// NCHW [B,3,H,W], checked with explicit limits (the file is untrusted; nothing in it is evaluated).

import { InputError, quoted, type InputErrorCode } from '../engine/errors';
import { MAX_INPUT_SIZE } from '../engine/limits';
import { checkBudget } from '../engine/budget';

export class NpyFileError extends InputError {
  constructor(file: string, reason: string, code: InputErrorCode = 'malformed') {
    super(file, reason, code);
    this.name = 'NpyFileError';
  }
}

export interface NpyArray {
  shape: number[];
  data: Float32Array;
}

const MAX_HEADER = 64 * 1024;
/** One NCHW image at the largest input side, times 4 (a small batch). */
const MAX_ELEMENTS = 4 * 3 * MAX_INPUT_SIZE * MAX_INPUT_SIZE;

/** Parses a v1/v2/v3 .npy holding '<f4' data in C order. */
export function readNpy(bytes: Uint8Array, file: string): NpyArray {
  const fail = (reason: string, code: InputErrorCode = 'malformed'): never => {
    throw new NpyFileError(file, reason, code);
  };
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((m, i) => bytes[i] !== m)) fail('not a .npy file (bad magic)', 'unknown-format');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail('truncated .npy header');
    headerLen = view.getUint32(8, true);
    start = 12;
  } else return fail(`unsupported .npy version ${major}`, 'unsupported');
  if (headerLen > MAX_HEADER || start + headerLen > bytes.length) fail(`.npy header length ${headerLen} is out of bounds`);
  const header = new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) return fail('.npy header lacks descr, fortran_order or shape');
  if (descr !== '<f4') fail(`.npy dtype ${quoted(descr, 20).slice(1, -1)} is not float32 little-endian ('<f4')`, 'unsupported');
  if (fortran !== 'False') fail('.npy data is in Fortran order (C order expected)', 'unsupported');
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map((s) => {
    if (!/^\d{1,9}$/.test(s)) fail(`.npy shape entry ${quoted(s, 20)} is not a small integer`);
    return Number(s);
  });
  const numel = shape.reduce((a, b) => a * b, 1);
  if (numel > MAX_ELEMENTS) fail(`.npy holds ${numel} elements (limit ${MAX_ELEMENTS})`, 'too-large');
  // Read as NCHW, then copied to NHWC: two float32 copies, before any model runs.
  checkBudget(file, `reading this .npy of [${shape.join(',')}]`, { bytes: numel * 4 * 2, seconds: numel * 5e-9 });
  if (shape.length >= 2 && shape.slice(-2).some((d) => d > MAX_INPUT_SIZE)) fail(`.npy spatial size [${shape.slice(-2)}] is over ${MAX_INPUT_SIZE}`, 'too-large');
  const dataStart = start + headerLen;
  if (bytes.length - dataStart !== numel * 4) fail(`.npy data is ${bytes.length - dataStart} bytes, shape [${shape}] needs ${numel * 4}`);
  const data = new Float32Array(numel);
  for (let i = 0; i < numel; i++) {
    const v = view.getFloat32(dataStart + 4 * i, true);
    if (v - v !== 0) fail(`.npy holds ${Number.isNaN(v) ? 'NaN' : 'an infinite value'} (element ${i})`, 'invalid-value');
    data[i] = v;
  }
  return { shape, data };
}

/** NCHW [B,3,H,W] to NHWC data. */
export function nchwToNhwc(a: NpyArray, file: string): { data: Float32Array; shape: [number, number, number, number] } {
  if (a.shape.length !== 4 || a.shape[1] !== 3) throw new NpyFileError(file, `expected an NCHW [B,3,H,W] tensor, got [${a.shape.slice(0, 8)}]`, 'mismatch');
  const [b, c, h, w] = a.shape;
  const out = new Float32Array(a.data.length);
  for (let n = 0; n < b; n++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) out[((n * h + y) * w + x) * c + ch] = a.data[((n * c + ch) * h + y) * w + x];
  return { data: out, shape: [b, h, w, c] };
}
