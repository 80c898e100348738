// Test-only: writes zip archives the way torch.save does (stored entries, data descriptors) and
// every kind of malformed one (lying sizes, bad names, deflate bombs, ZIP64 records). Not used by the loader.

import { concatBytes } from '../../bytes';

export interface ZipEntrySpec {
  name: string;
  data: Uint8Array;
  /** 8 = deflate (compressed here with CompressionStream); default stored. */
  method?: 0 | 8;
  /** Override the uncompressed size written in the headers. */
  declaredSize?: number;
  /** Override the compressed size written in the headers. */
  declaredCompressedSize?: number;
  /** Write a wrong CRC. */
  wrongCrc?: boolean;
  /** Zero sizes/CRC in the local header and write them in a data descriptor (bit 3), like torch.save. */
  dataDescriptor?: boolean;
}

export interface ZipOptions {
  /** Write ZIP64 records (end of central directory and per-entry extra fields) with saturated 32-bit fields. */
  zip64?: boolean;
}

const enc = new TextEncoder();
let crcTable: Uint32Array | null = null;

export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

class Out {
  private readonly chunks: Uint8Array[] = [];
  length = 0;
  push(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  le(values: [number, 2 | 4 | 8][]): void {
    const size = values.reduce((a, [, n]) => a + n, 0);
    const b = new Uint8Array(size);
    const v = new DataView(b.buffer);
    let at = 0;
    for (const [x, n] of values) {
      if (n === 2) v.setUint16(at, x, true);
      else if (n === 4) v.setUint32(at, x >>> 0, true);
      else v.setBigUint64(at, BigInt(x), true);
      at += n;
    }
    this.push(b);
  }
  bytes(): Uint8Array {
    return concatBytes(this.chunks, this.length);
  }
}

export async function buildZip(entries: ZipEntrySpec[], opts: ZipOptions = {}): Promise<Uint8Array> {
  const out = new Out();
  const central: { name: Uint8Array; flags: number; method: number; crc: number; csize: number; size: number; offset: number }[] = [];
  const SAT = 0xffffffff;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const method = e.method ?? 0;
    const payload = method === 8 ? await deflateRaw(e.data) : e.data;
    const crc = (crc32(e.data) ^ (e.wrongCrc ? 0x5a5a5a5a : 0)) >>> 0;
    const size = e.declaredSize ?? e.data.length;
    const csize = e.declaredCompressedSize ?? payload.length;
    const flags = 0x800 | (e.dataDescriptor ? 8 : 0);
    const offset = out.length;
    const dd = e.dataDescriptor;
    out.le([[0x04034b50, 4], [20, 2], [flags, 2], [method, 2], [0, 2], [0x21, 2], [dd ? 0 : crc, 4], [dd ? 0 : opts.zip64 ? SAT : csize, 4], [dd ? 0 : opts.zip64 ? SAT : size, 4], [name.length, 2], [opts.zip64 && !dd ? 20 : 0, 2]]);
    out.push(name);
    if (opts.zip64 && !dd) out.le([[1, 2], [16, 2], [size, 8], [csize, 8]]);
    out.push(payload);
    if (dd) out.le([[0x08074b50, 4], [crc, 4], [csize, 4], [size, 4]]);
    central.push({ name, flags, method, crc, csize, size, offset });
  }
  const cdStart = out.length;
  for (const c of central) {
    const z = opts.zip64;
    out.le([[0x02014b50, 4], [45, 2], [z ? 45 : 20, 2], [c.flags, 2], [c.method, 2], [0, 2], [0x21, 2], [c.crc, 4], [z ? SAT : c.csize, 4], [z ? SAT : c.size, 4], [c.name.length, 2], [z ? 28 : 0, 2], [0, 2], [0, 2], [0, 2], [0, 4], [z ? SAT : c.offset, 4]]);
    out.push(c.name);
    if (z) out.le([[1, 2], [24, 2], [c.size, 8], [c.csize, 8], [c.offset, 8]]);
  }
  const cdSize = out.length - cdStart;
  if (opts.zip64) {
    const eocd64 = out.length;
    out.le([[0x06064b50, 4], [44, 8], [45, 2], [45, 2], [0, 4], [0, 4], [central.length, 8], [central.length, 8], [cdSize, 8], [cdStart, 8]]);
    out.le([[0x07064b50, 4], [0, 4], [eocd64, 8], [1, 4]]);
    out.le([[0x06054b50, 4], [0, 2], [0, 2], [0xffff, 2], [0xffff, 2], [SAT, 4], [SAT, 4], [0, 2]]);
  } else {
    out.le([[0x06054b50, 4], [0, 2], [0, 2], [central.length, 2], [central.length, 2], [cdSize, 4], [cdStart, 4], [0, 2]]);
  }
  return out.bytes();
}

/** A torch.save-style archive: `<folder>/data.pkl`, `<folder>/data/<key>`, `<folder>/version`. */
export async function buildTorchZip(pickle: Uint8Array, storages: Record<string, Uint8Array>, folder = 'archive', opts: ZipOptions = {}): Promise<Uint8Array> {
  const entries: ZipEntrySpec[] = [{ name: `${folder}/data.pkl`, data: pickle, dataDescriptor: !opts.zip64 }];
  for (const [key, data] of Object.entries(storages)) entries.push({ name: `${folder}/data/${key}`, data, dataDescriptor: !opts.zip64 });
  entries.push({ name: `${folder}/version`, data: enc.encode('3\n'), dataDescriptor: !opts.zip64 });
  return buildZip(entries, opts);
}

export function f32Bytes(values: number[]): Uint8Array {
  const b = new Uint8Array(values.length * 4);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setFloat32(4 * i, x, true));
  return b;
}
