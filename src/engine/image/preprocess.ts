// The model input for an RGBA image, computed the way the Python eval transform does it
// (torchvision Resize(resizeTo) on a PIL image, CenterCrop(inputSize), ToTensor, Normalize), in NHWC.
import type { Preprocessing } from '../config';
import { MAX_INTERMEDIATE_PIXELS } from '../limits';
import { ImageInputError } from './errors';
import { resample8, resampleTaps } from './resample';

export interface RgbImage {
  width: number;
  height: number;
  /** RGBA, row-major, 4 bytes per pixel (alpha is ignored, as PIL's convert('RGB') does). */
  data: Uint8ClampedArray;
}

export interface PreprocessedImage {
  data: Float32Array;
  shape: [1, number, number, 3];
}

/** Python's round(): halves go to the even neighbour (torchvision's CenterCrop offsets use it). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** torchvision CenterCrop's first kept row/column; negative when it pads (floor of half the shortfall). */
export function cropOffset(size: number, crop: number): number {
  return size >= crop ? roundHalfEven((size - crop) / 2) : -Math.floor((crop - size) / 2);
}

/** torchvision Resize(int): the shorter side becomes `size`, the longer int(size * long / short). */
export function resizedSize(width: number, height: number, size: number): { width: number; height: number } {
  if (width <= height) return { width: size, height: Math.trunc((size * height) / width) };
  return { width: Math.trunc((size * width) / height), height: size };
}

/** Refuses an image whose resampling would need an intermediate (the resized image, either pass, or a
 *  coefficient table) over MAX_INTERMEDIATE_PIXELS: an extreme aspect ratio passes the decoded-pixel cap
 *  yet asks the short-side resize for billions of elements. Checked before decoding where the
 *  preprocessing is known (the CLI), and always before resampling. */
export function checkResampleSize(width: number, height: number, p: Preprocessing, file: string, limit = MAX_INTERMEDIATE_PIXELS): void {
  const r = resizedSize(width, height, p.resizeTo);
  const sizes = [
    r.width * height, // after the horizontal pass
    r.width * r.height, // after the vertical pass
    r.width * resampleTaps(width, r.width, p.interpolation), // coefficient tables
    r.height * resampleTaps(height, r.height, p.interpolation),
  ];
  if (sizes.some((n) => !(n <= limit))) {
    throw new ImageInputError(file,
      `image is ${width}x${height}: resizing its shorter side to ${p.resizeTo} needs a ${r.width}x${r.height} intermediate (limit ${(limit / 1e6).toFixed(0)} MP)`, 'too-large');
  }
}

/** Packs RGBA into RGB (3 channels) or PIL 'L' luminance (1 channel, ITU-R 601-2 in Pillow's fixed point). */
function pack(img: RgbImage, grayscale: boolean): Uint8Array {
  const n = img.width * img.height;
  const d = img.data;
  if (d.length !== n * 4) throw new ImageInputError('image', `RGBA buffer has ${d.length} bytes, expected ${n * 4}`, 'usage');
  if (grayscale) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = (d[4 * i] * 19595 + d[4 * i + 1] * 38470 + d[4 * i + 2] * 7471 + 0x8000) >> 16;
    return out;
  }
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    out[3 * i] = d[4 * i];
    out[3 * i + 1] = d[4 * i + 1];
    out[3 * i + 2] = d[4 * i + 2];
  }
  return out;
}

/**
 * Shorter side resized to p.resizeTo (Pillow antialiased bicubic/bilinear), centre crop p.inputSize
 * (padding with black where the resized image is smaller, as torchvision does), scaled to [0, 1] and
 * normalised with p.mean / p.std. p.grayscale converts to PIL 'L' first and replicates it to RGB.
 */
export function preprocess(img: RgbImage, p: Preprocessing, file = 'image'): PreprocessedImage {
  if (img.width < 1 || img.height < 1) throw new ImageInputError(file, `image is ${img.width}x${img.height}`, 'invalid-value');
  checkResampleSize(img.width, img.height, p, file);
  const channels = p.grayscale ? 1 : 3;
  const packed = pack(img, p.grayscale);
  const r = resizedSize(img.width, img.height, p.resizeTo);
  const resized = resample8(packed, img.width, img.height, channels, r.width, r.height, p.interpolation);
  const s = p.inputSize;
  const top = cropOffset(r.height, s);
  const left = cropOffset(r.width, s);
  const data = new Float32Array(s * s * 3);
  const scale = [0, 1, 2].map((c) => 1 / (255 * p.std[c]));
  const shift = [0, 1, 2].map((c) => -p.mean[c] / p.std[c]);
  for (let y = 0; y < s; y++) {
    const sy = y + top;
    for (let x = 0; x < s; x++) {
      const sx = x + left;
      const inside = sy >= 0 && sy < r.height && sx >= 0 && sx < r.width;
      const o = (y * s + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = inside ? resized[(sy * r.width + sx) * channels + (channels === 1 ? 0 : c)] : 0;
        data[o + c] = v * scale[c] + shift[c];
      }
    }
  }
  return { data, shape: [1, s, s, 3] };
}
