// Decodes a JPEG or PNG for the command line (pure JS: jpeg-js, pngjs) after the shared header
// check (format sniffed from bytes, pixel cap applied before decoding).

import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { ImageInputError, checkImageHeader, type RgbImage } from '../engine/image/index';

export function decodeImage(bytes: Uint8Array, file: string): RgbImage {
  const header = checkImageHeader(bytes, file);
  try {
    if (header.format === 'jpeg') {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 100, maxMemoryUsageInMB: 1024 });
      return { width: img.width, height: img.height, data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength) };
    }
    if (header.format === 'png') {
      const img = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: img.width, height: img.height, data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength) };
    }
  } catch (e) {
    throw new ImageInputError(file, `corrupt ${header.format.toUpperCase()}: ${(e as Error).message}`);
  }
  throw new ImageInputError(file, `the command line decodes JPEG and PNG only (this is ${header.format.toUpperCase()})`);
}
