// Whole-file structure checks for PNG and JPEG, after the header check: the decoders (pngjs, jpeg-js,
// the browser's) must only ever see the dimensions that were checked, and only bounded work.
// PNG: every chunk inside the file, exactly one IHDR (first), image data present; the inflated size the
// IHDR implies is returned for the decoder's cap. JPEG: every segment inside its declared length (a DHT
// that runs past it would desynchronise a decoder from this walk), exactly one frame, a bounded number
// of scans.
import { ImageInputError } from './errors';
import type { ImageHeader } from './imageHeader';

export interface StructureLimits {
  maxPngChunks: number;
  maxJpegScans: number;
  /** scans x frame pixels. */
  maxJpegScanPixels: number;
}

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
const ascii = (b: Uint8Array, at: number) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);

/** Channels per PNG colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Bytes of the filtered scanlines the IHDR implies (with Adam7 passes when interlaced). */
export function pngInflatedSize(width: number, height: number, bitDepth: number, colorType: number, interlaced: boolean): number {
  const bitsPerPixel = (PNG_CHANNELS[colorType] ?? 4) * bitDepth;
  const rows = (w: number, h: number) => (w > 0 && h > 0 ? h * (Math.ceil((w * bitsPerPixel) / 8) + 1) : 0);
  if (!interlaced) return rows(width, height);
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) total += rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy));
  return total;
}

/** Walks every PNG chunk; returns the inflated size the IHDR implies. */
export function checkPngStructure(b: Uint8Array, file: string, maxChunks: number): number {
  const corrupt = (why: string) => new ImageInputError(file, `corrupt PNG: ${why}`, 'malformed');
  let at = 8;
  let chunks = 0;
  let ihdr = 0;
  let idat = 0;
  let inflated = 0;
  while (at + 8 <= b.length) {
    const len = u32be(b, at);
    const type = ascii(b, at + 4);
    if (++chunks > maxChunks) throw new ImageInputError(file, `PNG has more than ${maxChunks} chunks`, 'too-large');
    if (len > 0x7fffffff || at + 12 + len > b.length) throw new ImageInputError(file, 'truncated PNG: a chunk runs past the end of the file', 'malformed');
    if (type === 'IHDR') {
      if (ihdr++ > 0) throw new ImageInputError(file, 'corrupt PNG: a second IHDR header (the decoder would use other dimensions)', 'mismatch');
      const depth = b[at + 16];
      const colorType = b[at + 17];
      if (!(colorType in PNG_CHANNELS) || ![1, 2, 4, 8, 16].includes(depth)) throw corrupt(`bit depth ${depth} with colour type ${colorType}`);
      if (b[at + 20] > 1) throw corrupt(`interlace method ${b[at + 20]}`);
      inflated = pngInflatedSize(u32be(b, at + 8), u32be(b, at + 12), depth, colorType, b[at + 20] === 1);
    } else if (type === 'IDAT') {
      idat++;
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + len;
  }
  if (idat === 0) throw new ImageInputError(file, 'truncated PNG: no image data (IDAT)', 'malformed');
  return inflated;
}

function isSof(m: number): boolean {
  return m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
}

/** A DHT segment's tables must fill exactly its declared length. */
function checkDht(b: Uint8Array, start: number, end: number, file: string): void {
  let p = start;
  while (p < end) {
    if (p + 17 > end) throw new ImageInputError(file, 'corrupt JPEG: a Huffman table runs past its segment', 'malformed');
    let codes = 0;
    for (let i = 1; i <= 16; i++) codes += b[p + i];
    p += 17 + codes;
  }
  if (p !== end) throw new ImageInputError(file, 'corrupt JPEG: a Huffman table runs past its segment', 'malformed');
}

/** End of the entropy-coded data that starts at `i`: the next marker that is not a stuffed byte or a restart. */
function skipEntropy(b: Uint8Array, i: number): number {
  for (let j = i; j + 1 < b.length; j++) {
    if (b[j] !== 0xff) continue;
    const n = b[j + 1];
    if (n !== 0 && n !== 0xff && !(n >= 0xd0 && n <= 0xd7)) return j;
  }
  return b.length;
}

/** Walks every JPEG segment and scan; one frame of the checked size, at most `limits` scans. */
export function checkJpegStructure(b: Uint8Array, h: ImageHeader, file: string, limits: StructureLimits): void {
  let i = 2;
  let frames = 0;
  let scans = 0;
  while (i < b.length) {
    if (b[i] !== 0xff) throw new ImageInputError(file, `corrupt JPEG: expected a marker at byte ${i}`, 'malformed');
    while (i < b.length && b[i] === 0xff) i++;
    if (i >= b.length) break;
    const marker = b[i++];
    if (marker === 0xd9) break;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (i + 2 > b.length) break; // truncated after the first scan: decoders show what they have
    const len = u16be(b, i);
    if (len < 2 || i + len > b.length) throw new ImageInputError(file, `corrupt JPEG: segment at byte ${i} runs past the end of the file`, 'malformed');
    if (isSof(marker)) {
      frames++;
      if (frames > 1) throw new ImageInputError(file, 'corrupt JPEG: more than one frame (the decoder could use other dimensions)', 'mismatch');
      if (len < 7 || u16be(b, i + 3) !== h.height || u16be(b, i + 5) !== h.width) {
        throw new ImageInputError(file, 'corrupt JPEG: the frame size differs from the header', 'mismatch');
      }
    }
    if (marker === 0xc4) checkDht(b, i + 2, i + len, file);
    i += len;
    if (marker === 0xda) {
      scans++;
      if (scans > limits.maxJpegScans) throw new ImageInputError(file, `JPEG has more than ${limits.maxJpegScans} scans`, 'too-large');
      if (scans * h.width * h.height > limits.maxJpegScanPixels) {
        throw new ImageInputError(file, `JPEG has ${scans} scans of ${h.width}x${h.height}: too much decoding work`, 'too-large');
      }
      i = skipEntropy(b, i);
    }
  }
  if (frames === 0 || scans === 0) throw new ImageInputError(file, 'truncated JPEG: no frame or no scan', 'malformed');
}

/** The structure checks for the formats that have them (GIF and WebP are decoded by the browser only). */
export function checkImageStructure(bytes: Uint8Array, h: ImageHeader, file: string, limits: StructureLimits): void {
  if (h.format === 'png') checkPngStructure(bytes, file, limits.maxPngChunks);
  if (h.format === 'jpeg') checkJpegStructure(bytes, h, file, limits);
}

/** The PNG's IDAT payloads in order (call after checkPngStructure). */
export function pngImageData(b: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let at = 8; at + 8 <= b.length;) {
    const len = u32be(b, at);
    const type = ascii(b, at + 4);
    if (type === 'IEND') break;
    if (type === 'IDAT') parts.push(b.subarray(at + 8, Math.min(b.length, at + 8 + len)));
    at += 12 + len;
  }
  return parts;
}

export function pngBombError(file: string, expected: number): ImageInputError {
  return new ImageInputError(file, `PNG image data inflates past the ${expected} bytes its header implies (decompression bomb?)`, 'too-large');
}

/** Streams the PNG's zlib data through DecompressionStream, counting: refuses a stream that inflates past the
 *  size its IHDR implies (nothing is kept). Corrupt streams are left to the decoder to report. */
export async function checkPngInflation(b: Uint8Array, file: string, maxChunks: number): Promise<void> {
  const expected = checkPngStructure(b, file, maxChunks);
  const stream = new Blob(pngImageData(b) as Uint8Array<ArrayBuffer>[]).stream().pipeThrough(new DecompressionStream('deflate'));
  const reader = stream.getReader();
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      n += value.length;
      if (n > expected) {
        await reader.cancel();
        throw pngBombError(file, expected);
      }
    }
  } catch (e) {
    if (e instanceof ImageInputError) throw e;
  }
}
