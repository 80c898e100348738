// Zip archive reader for torch.save files: central directory (ZIP64 included), stored entries
// read in place (no copy), deflated entries inflated with a hard output cap. CRCs are not
// checked (PyTorch has written archives with wrong ones). Every size and offset is checked
// against the file before it is used.

import { MAX_INFLATED_BYTES_PER_FILE, MAX_ZIP_ENTRIES } from '../limits';
import { quoted } from '../errors';
import { WeightFileError, check } from './errors';
import { concatBytes } from '../bytes';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  localHeaderOffset: number;
  /** Offset of the entry's data (after the local header's name and extra field). */
  dataOffset: number;
}

export interface ZipLimits {
  /** Most entries in one archive. */
  maxEntries: number;
  /** Most bytes one deflated entry may inflate to. */
  maxInflatedBytes: number;
  /** Most bytes all deflated entries of one archive may inflate to together (entries may overlap). */
  maxTotalInflatedBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: MAX_ZIP_ENTRIES,
  maxInflatedBytes: MAX_INFLATED_BYTES_PER_FILE,
  maxTotalInflatedBytes: MAX_INFLATED_BYTES_PER_FILE,
};

export interface ZipArchive {
  file: string;
  bytes: Uint8Array;
  /** Entries by name, in central-directory order. */
  entries: Map<string, ZipEntry>;
  limits: ZipLimits;
  /** Bytes inflated so far from this archive (charged to limits.maxTotalInflatedBytes, which a reader may lower
   *  to what the file's own records need). */
  inflated: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

/** A zip's first four bytes: a local file header (PK\3\4) or an empty archive's end record (PK\5\6). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

function u64(view: DataView, at: number, file: string, what: string): number {
  const v = view.getBigUint64(at, true);
  check(v <= BigInt(Number.MAX_SAFE_INTEGER), file, `zip ${what} ${v} is past 2^53`);
  return Number(v);
}

/** Name rules: no duplicates (checked by the caller), no `__proto__`, no `..`, not absolute, no NUL or backslash. */
function checkEntryName(name: string, file: string): void {
  check(name.length > 0, file, 'zip entry with an empty name');
  check(!name.includes('\0'), file, `zip entry name contains NUL: ${quoted(name)}`);
  check(!name.includes('\\'), file, `zip entry name contains a backslash: ${quoted(name)}`);
  check(!name.startsWith('/') && !/^[A-Za-z]:/.test(name), file, `zip entry name is absolute: ${quoted(name)}`);
  for (const seg of name.split('/')) {
    check(seg !== '..', file, `zip entry name escapes the archive (..): ${quoted(name)}`);
    check(seg !== '__proto__', file, `zip entry name contains __proto__: ${quoted(name)}`);
  }
}

function findEocd(view: DataView, file: string): number {
  const len = view.byteLength;
  check(len >= 22, file, 'zip archive too short for an end-of-central-directory record');
  const stop = Math.max(0, len - 22 - U16_MAX);
  for (let at = len - 22; at >= stop; at--) {
    if (view.getUint32(at, true) === SIG_EOCD && at + 22 + view.getUint16(at + 20, true) === len) return at;
  }
  throw new WeightFileError(file, 'no zip end-of-central-directory record (not a zip archive, or truncated)');
}

/** Reads and checks the central directory. Entry data is not touched. */
export function readZipDirectory(bytes: Uint8Array, file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(view, file);
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  let directoryEnd = eocd;
  if ((count === U16_MAX || cdSize === U32_MAX || cdOffset === U32_MAX) && eocd >= 20 && view.getUint32(eocd - 20, true) === SIG_EOCD64_LOCATOR) {
    const eocd64 = u64(view, eocd - 20 + 8, file, 'ZIP64 record offset');
    check(eocd64 + 56 <= eocd - 20, file, 'ZIP64 end-of-central-directory record outside the file');
    check(view.getUint32(eocd64, true) === SIG_EOCD64, file, 'bad ZIP64 end-of-central-directory signature');
    count = u64(view, eocd64 + 32, file, 'entry count');
    cdSize = u64(view, eocd64 + 40, file, 'central directory size');
    cdOffset = u64(view, eocd64 + 48, file, 'central directory offset');
    directoryEnd = eocd64;
  }
  check(count <= limits.maxEntries, file, `zip declares ${count} entries (limit ${limits.maxEntries})`, 'too-large');
  check(cdOffset + cdSize <= directoryEnd, file, 'zip central directory lies outside the file');

  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    check(at + 46 <= cdOffset + cdSize, file, 'zip central directory truncated');
    check(view.getUint32(at, true) === SIG_CENTRAL, file, `bad zip central directory signature at entry ${i}`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    const end = at + 46 + nameLen + extraLen + commentLen;
    check(end <= cdOffset + cdSize, file, 'zip central directory entry runs past the directory');
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    check((flags & 1) === 0, file, `zip entry ${quoted(name)} is encrypted`, 'unsupported');
    // ZIP64 extended information: only the fields whose 32-bit value is saturated, in this order.
    let x = at + 46 + nameLen;
    const extraEnd = x + extraLen;
    while (x + 4 <= extraEnd) {
      const id = view.getUint16(x, true);
      const len = view.getUint16(x + 2, true);
      check(x + 4 + len <= extraEnd, file, `zip entry ${quoted(name)} has a malformed extra field`);
      if (id === 0x0001) {
        let p = x + 4;
        const take = (what: string): number => {
          check(p + 8 <= x + 4 + len, file, `zip entry ${quoted(name)}: ZIP64 field ${what} missing`);
          const v = u64(view, p, file, what);
          p += 8;
          return v;
        };
        if (size === U32_MAX) size = take('size');
        if (compressedSize === U32_MAX) compressedSize = take('compressed size');
        if (localHeaderOffset === U32_MAX) localHeaderOffset = take('local header offset');
      }
      x += 4 + len;
    }
    checkEntryName(name, file);
    check(!entries.has(name), file, `duplicate zip entry name ${quoted(name)}`);
    check(method === 0 || method === 8, file, `zip entry ${quoted(name)} uses compression method ${method} (only stored and deflate are read)`, 'unsupported');
    check(localHeaderOffset + 30 <= cdOffset, file, `zip entry ${quoted(name)}: local header outside the file`);
    check(localHeaderOffset + 30 + compressedSize <= cdOffset, file,
      `zip entry ${quoted(name)} declares ${compressedSize} bytes, more than the file holds`);
    if (method === 0) check(size === compressedSize, file, `stored zip entry ${quoted(name)}: size ${size} != compressed size ${compressedSize}`);
    else {
      check(size <= limits.maxInflatedBytes, file, `zip entry ${quoted(name)} declares ${size} bytes uncompressed (limit ${limits.maxInflatedBytes})`, 'too-large');
      // Deflate cannot expand more than ~1032:1; a larger claim is a lie (and would make us allocate for nothing).
      check(size <= compressedSize * 1032 + 1024, file, `zip entry ${quoted(name)} claims ${size} bytes from ${compressedSize} deflated bytes (impossible ratio)`, 'too-large');
    }
    const dataOffset = localDataOffset(view, localHeaderOffset, name, file);
    check(dataOffset + compressedSize <= cdOffset, file, `zip entry ${quoted(name)}: data runs past the central directory`);
    entries.set(name, { name, method, compressedSize, size, localHeaderOffset, dataOffset });
    at = end;
  }
  checkNoOverlap(entries, file);
  return { file, bytes, entries, limits, inflated: 0 };
}

function localDataOffset(view: DataView, at: number, name: string, file: string): number {
  check(view.getUint32(at, true) === SIG_LOCAL, file, `zip entry ${quoted(name)}: bad local header signature`);
  return at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
}

/** Entries may not share bytes: one entry's data read as two storages, or a deflate stream inflated twice. */
function checkNoOverlap(entries: Map<string, ZipEntry>, file: string): void {
  const sorted = [...entries.values()].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    check(prev.dataOffset + prev.compressedSize <= sorted[i].localHeaderOffset, file,
      `zip entries ${JSON.stringify(prev.name)} and ${JSON.stringify(sorted[i].name)} overlap (one entry's bytes reused)`);
  }
}

/** Where an entry's data starts (after its local header), checked against the file. */
function dataStart(archive: ZipArchive, entry: ZipEntry): number {
  check(entry.dataOffset + entry.compressedSize <= archive.bytes.length, archive.file, `zip entry ${quoted(entry.name)}: data runs past the end of the file`);
  return entry.dataOffset;
}

/** A stored entry's bytes as a view into the archive (no copy). Deflated entries: use readZipEntry. */
export function storedEntryView(archive: ZipArchive, entry: ZipEntry): Uint8Array {
  check(entry.method === 0, archive.file, `zip entry ${quoted(entry.name)} is compressed`);
  const start = dataStart(archive, entry);
  return archive.bytes.subarray(start, start + entry.size);
}

/** Inflates raw deflate data, refusing to produce more than `cap` bytes; stops after `want` bytes when given. */
async function inflateCapped(data: Uint8Array, cap: number, file: string, name: string, want = cap): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  // Output is collected as it arrives (nothing is allocated on the declared size's word alone).
  const chunks: Uint8Array[] = [];
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (n + value.length >= want && want < cap) {
        chunks.push(value.subarray(0, want - n));
        n = want;
        await reader.cancel();
        break;
      }
      if (n + value.length > cap) {
        await reader.cancel();
        throw new WeightFileError(file, `zip entry ${quoted(name)} inflates past its declared size of ${cap} bytes (deflate bomb?)`, 'too-large');
      }
      chunks.push(value);
      n += value.length;
    }
  } catch (e) {
    if (e instanceof WeightFileError) throw e;
    throw new WeightFileError(file, `zip entry ${quoted(name)}: corrupt deflate data`);
  }
  check(n === want, file, `zip entry ${quoted(name)} inflated to ${n} bytes, declared ${cap}`);
  return concatBytes(chunks, n);
}

/** An entry's first `want` bytes (all by default): a view for stored entries, a capped, streamed inflation for
 *  deflated ones that stops after `want` bytes. Every inflated byte is charged to the archive's budget first. */
export async function readZipEntry(archive: ZipArchive, entry: ZipEntry, want = entry.size): Promise<Uint8Array> {
  check(want <= entry.size, archive.file, `zip entry ${quoted(entry.name)} holds ${entry.size} bytes, ${want} needed`);
  if (entry.method === 0) return storedEntryView(archive, entry).subarray(0, want);
  const start = dataStart(archive, entry);
  check(archive.inflated + want <= archive.limits.maxTotalInflatedBytes, archive.file,
    `zip entries would inflate to more than ${archive.limits.maxTotalInflatedBytes} bytes in all`, 'too-large');
  archive.inflated += want;
  return inflateCapped(archive.bytes.subarray(start, start + entry.compressedSize), entry.size, archive.file, entry.name, want);
}
