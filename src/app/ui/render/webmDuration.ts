// Writes the Duration element into a WebM's Segment > Info. MediaRecorder streams its WebM and never goes back to
// say how long it was, so players show the length as Infinity (or unknown) until they have read it all.
// EBML: every element is ID (a varint keeping its length marker) + size (varint) + data; a size whose value bits are
// all ones means "unknown" (MediaRecorder's Segment and Clusters). Duration (ID 0x4489) is a float in units of the
// Info's TimecodeScale (ID 0x2AD7B1, nanoseconds, default 1,000,000 = 1 ms).

const SEGMENT = 0x18538067;
const SEEK_HEAD = 0x114d9b74;
const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;

interface Element {
  id: number;
  /** Offset of the element's ID, of its size field, and of its data. */
  start: number;
  sizeAt: number;
  dataAt: number;
  /** Data length; null when the size is unknown (runs to the end of the parent). */
  size: number | null;
}

/** Length (1..8) of the varint starting with byte b, from its leading zeros; 0 for an invalid first byte. */
function varintLength(b: number): number {
  for (let len = 1; len <= 8; len++) if (b & (0x100 >> len)) return len;
  return 0;
}

function readElement(bytes: Uint8Array, at: number): Element | null {
  const idLen = varintLength(bytes[at]);
  if (idLen === 0 || idLen > 4 || at + idLen >= bytes.length) return null;
  let id = 0;
  for (let i = 0; i < idLen; i++) id = id * 256 + bytes[at + i];
  const sizeAt = at + idLen;
  const sizeLen = varintLength(bytes[sizeAt]);
  if (sizeLen === 0 || sizeAt + sizeLen > bytes.length) return null;
  let size = bytes[sizeAt] & (0xff >> sizeLen);
  let allOnes = size === 0xff >> sizeLen;
  for (let i = 1; i < sizeLen; i++) {
    size = size * 256 + bytes[sizeAt + i];
    allOnes &&= bytes[sizeAt + i] === 0xff;
  }
  return { id, start: at, sizeAt, dataAt: sizeAt + sizeLen, size: allOnes ? null : size };
}

/** The children of the element whose data spans [from, to), in order; stops at the first unreadable one. */
function children(bytes: Uint8Array, from: number, to: number): Element[] {
  const out: Element[] = [];
  for (let at = from; at < to; ) {
    const e = readElement(bytes, at);
    if (!e) break;
    out.push(e);
    if (e.size === null) break;
    at = e.dataAt + e.size;
  }
  return out;
}

/** Size as a varint of `len` bytes (len 1..8); null if it does not fit (all-ones is reserved for unknown). */
function encodeSize(size: number, len: number): Uint8Array | null {
  if (size >= 2 ** (7 * len) - 1) return null;
  const out = new Uint8Array(len);
  let v = size;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0] |= 0x80 >> (len - 1);
  return out;
}

function readUint(bytes: Uint8Array, e: Element): number {
  let v = 0;
  for (let i = 0; i < (e.size ?? 0); i++) v = v * 256 + bytes[e.dataAt + i];
  return v;
}

function float64Element(value: number): Uint8Array {
  const out = new Uint8Array(11);
  out.set([0x44, 0x89, 0x88]);
  new DataView(out.buffer).setFloat64(3, value);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The element's size field re-encoded for `size` (same width if it fits, else 8 bytes). */
function resized(bytes: Uint8Array, e: Element, size: number): Uint8Array {
  return encodeSize(size, e.dataAt - e.sizeAt) ?? encodeSize(size, 8)!;
}

/**
 * The WebM with Segment > Info > Duration set to `durationMs` (an existing Duration is overwritten, a missing one
 * added). Returns the bytes unchanged when they are not a WebM this can fix safely: no Segment or Info, or a SeekHead
 * (its offsets would move; MediaRecorder writes none).
 */
export function withWebmDuration(bytes: Uint8Array<ArrayBuffer>, durationMs: number): Uint8Array<ArrayBuffer> {
  if (!(Number.isFinite(durationMs) && durationMs >= 0)) return bytes;
  const segment = children(bytes, 0, bytes.length).find((e) => e.id === SEGMENT);
  if (!segment) return bytes;
  const segmentEnd = segment.size === null ? bytes.length : segment.dataAt + segment.size;
  const top = children(bytes, segment.dataAt, segmentEnd);
  const info = top.find((e) => e.id === INFO);
  if (!info || info.size === null || top.some((e) => e.id === SEEK_HEAD)) return bytes;
  const fields = children(bytes, info.dataAt, info.dataAt + info.size);
  const scale = fields.find((e) => e.id === TIMECODE_SCALE);
  const ticks = (durationMs * 1e6) / (scale ? readUint(bytes, scale) || 1e6 : 1e6);
  const old = fields.find((e) => e.id === DURATION);
  if (old && (old.size === 4 || old.size === 8)) {
    const out = bytes.slice();
    const view = new DataView(out.buffer, out.byteOffset + old.dataAt, old.size);
    if (old.size === 8) view.setFloat64(0, ticks);
    else view.setFloat32(0, ticks);
    return out;
  }
  const duration = float64Element(ticks);
  const infoSize = resized(bytes, info, info.size + duration.length);
  const grow = duration.length + infoSize.length - (info.dataAt - info.sizeAt);
  const segmentSize = segment.size === null ? bytes.subarray(segment.sizeAt, segment.dataAt) : resized(bytes, segment, segment.size + grow);
  const infoEnd = info.dataAt + info.size;
  return concat([
    bytes.subarray(0, segment.sizeAt), segmentSize, bytes.subarray(segment.dataAt, info.sizeAt), infoSize,
    bytes.subarray(info.dataAt, infoEnd), duration, bytes.subarray(infoEnd),
  ]);
}
