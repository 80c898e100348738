// Reads the small NumPy .npy fixtures written by the Python tooling (format 1.0/2.0, little-endian
// uint8 or float32, C order). Fixture files are trusted-ish but still parsed with explicit limits.

export interface NpyArray {
  shape: number[];
  data: Uint8Array | Float32Array;
}

const MAX_HEADER = 4096;
const MAX_ELEMENTS = 1 << 26;

export function readNpy(bytes: Uint8Array, file: string): NpyArray {
  const fail = (why: string): never => {
    throw new Error(`${file}: ${why}`);
  };
  if (bytes.length < 10 || bytes[0] !== 0x93 || String.fromCharCode(...bytes.subarray(1, 6)) !== 'NUMPY') fail('not a .npy file');
  const major = bytes[6];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (headerLen > MAX_HEADER || start + headerLen > bytes.length) fail('bad header length');
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) fail('unparsable header');
  if (fortran === 'True') fail('Fortran order is not supported');
  const shape = shapeText!.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) fail('bad shape');
  const n = shape.reduce((a, b) => a * b, 1);
  if (n > MAX_ELEMENTS) fail('too many elements');
  const body = bytes.subarray(start + headerLen);
  if (descr === '|u1') {
    if (body.length !== n) fail(`expected ${n} bytes of data, found ${body.length}`);
    return { shape, data: Uint8Array.from(body) };
  }
  if (descr === '<f4') {
    if (body.length !== 4 * n) fail(`expected ${4 * n} bytes of data, found ${body.length}`);
    const out = new Float32Array(n);
    const bv = new DataView(body.buffer, body.byteOffset, body.byteLength);
    for (let i = 0; i < n; i++) out[i] = bv.getFloat32(4 * i, true);
    return { shape, data: out };
  }
  return fail(`unsupported dtype ${descr}`);
}
