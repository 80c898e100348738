import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGENET_PREPROCESSING, type Preprocessing } from '../config';
import { cropOffset, preprocess, resizedSize, roundHalfEven, type RgbImage } from './preprocess';

const ref = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/images/preprocess_reference.json'), 'utf8')) as {
  luminance: { rgb: number[]; expected: number[] };
};

function rgba(width: number, height: number, rgb: (x: number, y: number) => [number, number, number]): RgbImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgb(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  return { width, height, data };
}

const plain: Preprocessing = { ...IMAGENET_PREPROCESSING };
// float32 arithmetic of (v / 255 - mean) / std against a float64 expectation
const F32 = 1e-5;

describe('preprocess', () => {
  it('hand-computed: no resize, odd crop offset, ImageNet normalisation', () => {
    // 5 wide x 3 high, resize shorter side to 3 (a no-op), crop 3: torchvision's left = round((5-3)/2) = 1.
    const img = rgba(5, 3, (x, y) => [x * 50, y * 100, 255 - x * 10]);
    const out = preprocess(img, { ...plain, resizeTo: 3, inputSize: 3 });
    expect(out.shape).toEqual([1, 3, 3, 3]);
    for (let y = 0; y < 3; y++)
      for (let x = 0; x < 3; x++) {
        const src = [(x + 1) * 50, y * 100, 255 - (x + 1) * 10];
        for (let c = 0; c < 3; c++) {
          const want = (src[c] / 255 - plain.mean[c]) / plain.std[c];
          expect(out.data[(y * 3 + x) * 3 + c]).toBeCloseTo(want, 5);
        }
      }
  });

  it('pads with black (zero before normalisation) when the crop is larger than the resized image', () => {
    const img = rgba(2, 2, () => [255, 255, 255]);
    const out = preprocess(img, { ...plain, resizeTo: 2, inputSize: 5 });
    // torchvision pads floor((5-2)/2) = 1 before and 2 after: image pixels at rows/cols 1..2.
    const at = (x: number, y: number, c: number) => out.data[(y * 5 + x) * 3 + c];
    for (let c = 0; c < 3; c++) {
      expect(at(0, 0, c)).toBeCloseTo(-plain.mean[c] / plain.std[c], 5);
      expect(at(1, 1, c)).toBeCloseTo((1 - plain.mean[c]) / plain.std[c], 5);
      expect(at(2, 2, c)).toBeCloseTo((1 - plain.mean[c]) / plain.std[c], 5);
      expect(at(3, 3, c)).toBeCloseTo(-plain.mean[c] / plain.std[c], 5);
    }
  });

  it('grayscale uses Pillow luminance and replicates it to the three channels', () => {
    const { rgb, expected } = ref.luminance;
    const n = expected.length;
    const p: Preprocessing = { ...plain, resizeTo: 1, inputSize: 1, grayscale: true, mean: [0, 0, 0], std: [1, 1, 1] };
    for (let x = 0; x < n; x++) {
      const one = rgba(1, 1, () => [rgb[3 * x], rgb[3 * x + 1], rgb[3 * x + 2]]);
      const o = preprocess(one, p);
      for (let c = 0; c < 3; c++) expect(o.data[c] * 255).toBeCloseTo(expected[x], 3); // float32 of v / 255
    }
  });

  it('random photo-sized input: shape, finite values, value range (seed printed)', () => {
    const seed = Date.now() % 100000;
    console.log('preprocess random-image seed', seed);
    let st = seed;
    const rnd = () => ((st = (st * 1103515245 + 12345) % 2147483648) / 2147483648);
    const w = 40 + Math.floor(rnd() * 300), h = 40 + Math.floor(rnd() * 300);
    const img = rgba(w, h, () => [rnd() * 256, rnd() * 256, rnd() * 256].map(Math.floor) as [number, number, number]);
    const out = preprocess(img, { ...plain, resizeTo: 36, inputSize: 32 });
    expect(out.shape).toEqual([1, 32, 32, 3]);
    for (let i = 0; i < out.data.length; i++) {
      const c = i % 3;
      expect(out.data[i]).toBeGreaterThanOrEqual(-plain.mean[c] / plain.std[c] - F32);
      expect(out.data[i]).toBeLessThanOrEqual((1 - plain.mean[c]) / plain.std[c] + F32);
    }
  });
});

describe('torchvision size rules', () => {
  it('Resize(256) of 640x427 gives 383x256 (int truncation), of 427x640 gives 256x383', () => {
    expect(resizedSize(640, 427, 256)).toEqual({ width: 383, height: 256 });
    expect(resizedSize(427, 640, 256)).toEqual({ width: 256, height: 383 });
    expect(resizedSize(512, 512, 256)).toEqual({ width: 256, height: 256 });
  });
  it('Python round() is half-to-even and CenterCrop pads by floor of half', () => {
    expect([0.5, 1.5, 2.5, 79.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 80, 2, 3]);
    expect(cropOffset(383, 224)).toBe(80); // (383-224)/2 = 79.5 -> 80
    expect(cropOffset(256, 224)).toBe(16);
    expect(cropOffset(2, 5)).toBe(-1);
  });
});
