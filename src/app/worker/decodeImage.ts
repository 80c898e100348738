// Browser image decoding (worker or page): header check with the pixel cap first, then
// createImageBitmap with EXIF orientation applied, then RGBA pixels through an OffscreenCanvas.
import type { Preprocessing } from '../../engine/config';
import { checkImageHeader, checkResampleSize, ImageInputError, mimeType, type RgbImage } from '../../engine/image';
import { checkPngInflation } from '../../engine/image/structure';
import { MAX_IMAGE_FILE_BYTES, MAX_PNG_CHUNKS } from '../../engine/limits';

export { MAX_IMAGE_FILE_BYTES } from '../../engine/limits';

/** Header, structure and pixel checks (shared with the CLI), then the browser's decoder; with `prep`, an image
 *  whose resampling would exceed the intermediate limit is refused before it is decoded. */
export async function decodeImageBytes(bytes: Uint8Array, name: string, prep?: Preprocessing): Promise<RgbImage> {
  if (bytes.byteLength > MAX_IMAGE_FILE_BYTES) {
    throw new ImageInputError(name, `file is ${(bytes.byteLength / 2 ** 20).toFixed(0)} MiB, over the ${MAX_IMAGE_FILE_BYTES / 2 ** 20} MiB limit`, 'too-large');
  }
  const header = checkImageHeader(bytes, name);
  if (prep) checkResampleSize(header.width, header.height, prep, name);
  if (header.format === 'png') await checkPngInflation(bytes, name, MAX_PNG_CHUNKS);
  let bitmap: ImageBitmap;
  try {
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType(header.format) });
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new ImageInputError(name, `the ${header.format.toUpperCase()} data is corrupt or truncated and cannot be decoded`, 'malformed');
  }
  try {
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new ImageInputError(name, 'no 2D canvas is available to read the pixels', 'unsupported');
    if (width !== header.width || height !== header.height) {
      // EXIF orientation may swap the sides; anything else means the decoder saw another image than the check did.
      if (width !== header.height || height !== header.width) throw new ImageInputError(name, `decoded ${width}x${height}, the header says ${header.width}x${header.height}`, 'mismatch');
    }
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { width, height, data };
  } finally {
    bitmap.close();
  }
}
