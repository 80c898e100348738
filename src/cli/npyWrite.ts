// NumPy .npy writer for the command line's analysis outputs: version 1.0, float32 little-endian ('<f4'),
// C order; numpy.load reads it as is.

import { EngineStateError } from '../engine/errors';
import { writeFileSync } from 'node:fs';

/** The bytes of a .npy file holding `data` with shape `shape` (row-major). */
export function encodeNpy(shape: readonly number[], data: Float32Array): Uint8Array {
  const numel = shape.reduce((a, b) => a * b, 1);
  if (numel !== data.length) throw new EngineStateError('encodeNpy', `shape [${shape}] needs ${numel} values, got ${data.length}`);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  // Magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, ending in '\n'.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + 4 * numel);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const start = 10 + header.length;
  for (let i = 0; i < numel; i++) view.setFloat32(start + 4 * i, data[i], true);
  return out;
}

export function writeNpy(path: string, shape: readonly number[], data: Float32Array): void {
  writeFileSync(path, encodeNpy(shape, data));
}
