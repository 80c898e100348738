// Decodes a JPEG or PNG for the command line (pure JS: jpeg-js, pngjs) after the shared header and
// structure check (format sniffed from bytes, pixel cap and whole-file walk before decoding). The
// decoders get limits of their own too: jpeg-js its pixel and memory caps, pngjs a zlib stream that was
// first inflated under the size the IHDR implies (pngjs does not cap interlaced images itself).

import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { inflateSync } from 'node:zlib';
import type { Preprocessing } from '../engine/config';
import { ImageInputError, checkImageHeader, checkResampleSize, type RgbImage } from '../engine/image/index';
import { checkPngStructure, pngBombError, pngImageData } from '../engine/image/structure';
import { MAX_IMAGE_PIXELS, MAX_PNG_CHUNKS } from '../engine/limits';

/** jpeg-js's own memory cap (its default is 512 MB). */
const JPEG_MAX_MEMORY_MB = 400;

/** Inflates the IDAT stream under the size the IHDR implies: a zlib stream that inflates further is refused. */
function checkPngInflationSync(bytes: Uint8Array, file: string): void {
  const expected = checkPngStructure(bytes, file, MAX_PNG_CHUNKS);
  try {
    inflateSync(Buffer.concat(pngImageData(bytes)), { maxOutputLength: Math.max(expected, 1) });
  } catch (e) {
    const tooLong = e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    if (tooLong) throw pngBombError(file, expected);
    // A truncated or corrupt stream: pngjs reports it below in the project's words.
  }
}

/** Decodes an image; with `prep`, refuses before decoding an image whose resampling would be too large. */
export function decodeImage(bytes: Uint8Array, file: string, prep?: Preprocessing): RgbImage {
  const header = checkImageHeader(bytes, file);
  if (prep) checkResampleSize(header.width, header.height, prep, file);
  if (header.format !== 'jpeg' && header.format !== 'png') {
    throw new ImageInputError(file, `the command line decodes JPEG and PNG only (this is ${header.format.toUpperCase()})`, 'unsupported');
  }
  if (header.format === 'png') checkPngInflationSync(bytes, file);
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = header.format === 'jpeg'
      ? jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: JPEG_MAX_MEMORY_MB })
      : PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    // The decoder's own text is never shown (it may be engine internals): only what kind of failure it was.
    const limit = e instanceof Error && /limit exceeded/.test(e.message);
    throw new ImageInputError(file, limit ? `${header.format.toUpperCase()} decoding needs more than the memory limit` : `corrupt ${header.format.toUpperCase()}: the image data cannot be decoded`,
      limit ? 'too-large' : 'malformed');
  }
  if (img.width !== header.width || img.height !== header.height) {
    throw new ImageInputError(file, `corrupt ${header.format.toUpperCase()}: decoded ${img.width}x${img.height}, the header says ${header.width}x${header.height}`, 'mismatch');
  }
  return { width: img.width, height: img.height, data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength) };
}
