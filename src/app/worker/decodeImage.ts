// Browser image decoding (worker or page): header check with the pixel cap first, then
// createImageBitmap with EXIF orientation applied, then RGBA pixels through an OffscreenCanvas.
import { checkImageHeader, ImageInputError, mimeType, type RgbImage } from '../../engine/image';

/** Files larger than this are refused before reading their header (a photo is far smaller). */
export const MAX_IMAGE_FILE_BYTES = 100 * 1024 * 1024;

export async function decodeImageBytes(bytes: Uint8Array, name: string): Promise<RgbImage> {
  if (bytes.byteLength > MAX_IMAGE_FILE_BYTES) {
    throw new ImageInputError(name, `file is ${(bytes.byteLength / 2 ** 20).toFixed(0)} MiB, over the 100 MiB limit`);
  }
  const header = checkImageHeader(bytes, name);
  let bitmap: ImageBitmap;
  try {
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType(header.format) });
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new ImageInputError(name, `the ${header.format.toUpperCase()} data is corrupt or truncated and cannot be decoded`);
  }
  try {
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new ImageInputError(name, 'no 2D canvas is available to read the pixels');
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { width, height, data };
  } finally {
    bitmap.close();
  }
}
