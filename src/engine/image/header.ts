// Reads an image's format and pixel dimensions from its first bytes, before any full decode, so that
// over-large or malformed files are rejected cheaply. Supports the formats the app accepts:
// PNG (IHDR), JPEG (SOFn), GIF (logical screen) and WebP (VP8 / VP8L / VP8X).
import { MAX_IMAGE_PIXELS, MAX_JPEG_HEADER_BYTES, MAX_JPEG_SCAN_PIXELS, MAX_JPEG_SCANS, MAX_PNG_CHUNKS } from '../limits';
import { ImageInputError } from './errors';
import type { ImageFormat, ImageHeader } from './imageHeader';
import { checkImageStructure } from './structure';
import { checkBudget, decodeEstimate } from '../budget';

export type { ImageFormat, ImageHeader };

/** Default cap on width * height (about 40 megapixels: a 24 MP camera photo passes). */
export const DEFAULT_MAX_PIXELS = MAX_IMAGE_PIXELS;

const MIME: Record<ImageFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

export function mimeType(format: ImageFormat): string {
  return MIME[format];
}

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = 0; i < n && at + i < bytes.length; i++) s += String.fromCharCode(bytes[at + i]);
  return s;
}

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);

function readPng(b: Uint8Array, file: string): ImageHeader {
  // 8-byte signature, then the IHDR chunk: length (13), "IHDR", width, height (big-endian u32).
  if (b.length < 8 + 8 + 13) throw new ImageInputError(file, 'truncated PNG: the file ends before its IHDR header', 'malformed');
  if (ascii(b, 12, 4) !== 'IHDR' || u32be(b, 8) !== 13) throw new ImageInputError(file, 'corrupt PNG: the first chunk is not IHDR', 'malformed');
  return { format: 'png', width: u32be(b, 16), height: u32be(b, 20) };
}

function isSofMarker(m: number): boolean {
  // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
  return m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
}

function readJpeg(b: Uint8Array, file: string): ImageHeader {
  // Walk the marker segments after SOI until the first SOFn; the file must also reach its scan (SOS),
  // otherwise it cannot hold any image data.
  let i = 2;
  let size: { width: number; height: number } | null = null;
  const limit = Math.min(b.length, MAX_JPEG_HEADER_BYTES);
  while (i < limit) {
    if (b[i] !== 0xff) throw new ImageInputError(file, `corrupt JPEG: expected a marker at byte ${i}`);
    while (i < limit && b[i] === 0xff) i++; // fill bytes
    if (i >= limit) break;
    const marker = b[i++];
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd9) throw new ImageInputError(file, 'corrupt JPEG: end of image before any scan');
    if (i + 2 > b.length) break;
    const len = u16be(b, i);
    if (len < 2) throw new ImageInputError(file, `corrupt JPEG: segment length ${len} at byte ${i}`);
    if (isSofMarker(marker)) {
      if (i + 7 > b.length) break;
      size = { height: u16be(b, i + 3), width: u16be(b, i + 5) };
    }
    if (marker === 0xda) {
      if (!size) throw new ImageInputError(file, 'corrupt JPEG: scan before any frame header');
      if (i + len > b.length) break;
      return { format: 'jpeg', ...size };
    }
    i += len;
  }
  if (i >= MAX_JPEG_HEADER_BYTES) throw new ImageInputError(file, 'corrupt JPEG: headers larger than 4 MiB');
  throw new ImageInputError(file, 'truncated JPEG: the file ends before its image data');
}

function readGif(b: Uint8Array, file: string): ImageHeader {
  if (b.length < 13) throw new ImageInputError(file, 'truncated GIF: the file ends inside its header');
  return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
}

function readWebp(b: Uint8Array, file: string): ImageHeader {
  const chunk = ascii(b, 12, 4);
  const need = chunk === 'VP8X' ? 30 : chunk === 'VP8L' ? 25 : 30;
  if (b.length < need) throw new ImageInputError(file, 'truncated WebP: the file ends inside its header');
  if (chunk === 'VP8X') return { format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) throw new ImageInputError(file, 'corrupt WebP: bad VP8L signature');
    const bits = (b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)) >>> 0;
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') {
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) throw new ImageInputError(file, 'corrupt WebP: bad VP8 start code');
    return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  throw new ImageInputError(file, `unsupported WebP chunk ${JSON.stringify(chunk)}`, 'unsupported');
}

/** Detects the format from magic bytes and reads width/height. Throws ImageInputError (unsupported or corrupt). */
export function readImageHeader(bytes: Uint8Array, file: string): ImageHeader {
  let h: ImageHeader;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) h = readPng(bytes, file);
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) h = readJpeg(bytes, file);
  else if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') h = readGif(bytes, file);
  else if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') h = readWebp(bytes, file);
  else if (bytes.length === 0) throw new ImageInputError(file, 'the file is empty', 'unreadable');
  else throw new ImageInputError(file, 'unsupported file type (expected JPEG, PNG, WebP or GIF)', 'unknown-format');
  if (h.width <= 0 || h.height <= 0) throw new ImageInputError(file, `corrupt ${h.format.toUpperCase()}: size ${h.width}x${h.height}`);
  return h;
}

/** readImageHeader, then rejects images over `maxPixels` (width * height), then walks the whole file's
 *  structure (structure.ts) so that the decoder can only see the dimensions checked here. */
export function checkImageHeader(bytes: Uint8Array, file: string, maxPixels = DEFAULT_MAX_PIXELS): ImageHeader {
  const h = readImageHeader(bytes, file);
  if (h.width * h.height > maxPixels) {
    throw new ImageInputError(
      file,
      `image is ${h.width}x${h.height} (${(h.width * h.height / 1e6).toFixed(1)} MP), over the ${(maxPixels / 1e6).toFixed(0)} MP limit`,
      'too-large',
    );
  }
  checkBudget(file, `decoding this ${h.width}x${h.height} ${h.format.toUpperCase()}`, decodeEstimate(h.format, h.width, h.height));
  checkImageStructure(bytes, h, file, { maxPngChunks: MAX_PNG_CHUNKS, maxJpegScans: MAX_JPEG_SCANS, maxJpegScanPixels: MAX_JPEG_SCAN_PIXELS });
  return h;
}
