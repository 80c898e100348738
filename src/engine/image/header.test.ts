import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImageInputError } from './errors';
import { checkImageHeader, readImageHeader } from './header';

const dir = join(__dirname, '../../../fixtures/images');
const bytes = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

function expectImageError(fn: () => unknown, file: string, reason: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImageInputError);
    const err = e as ImageInputError;
    expect(err.file).toBe(file);
    expect(err.reason).toMatch(reason);
    expect(err.message).toContain(file);
    return;
  }
  throw new Error('expected an ImageInputError');
}

describe('readImageHeader', () => {
  // Sizes as reported by `file(1)` for the fixtures.
  it.each([
    ['astronaut.png', 'png', 512, 512],
    ['coffee.png', 'png', 600, 400],
    ['rocket.jpg', 'jpeg', 640, 427],
    ['tiny-21x13.gif', 'gif', 21, 13],
    ['tiny-21x13-lossy.webp', 'webp', 21, 13],
    ['tiny-21x13-lossless.webp', 'webp', 21, 13],
    ['tiny-21x13-alpha.webp', 'webp', 21, 13],
  ])('%s is %s %dx%d', (name, format, width, height) => {
    expect(readImageHeader(bytes(name), name)).toEqual({ format, width, height });
  });

  it('rejects the truncated JPEG (it ends inside its Huffman tables)', () => {
    expectImageError(() => readImageHeader(bytes('truncated.jpg'), 'truncated.jpg'), 'truncated.jpg', /truncated JPEG/);
  });

  it('rejects every prefix of a real PNG shorter than its IHDR and accepts the rest', () => {
    const png = bytes('coffee.png');
    for (let n = 0; n < 29; n++) expect(() => readImageHeader(png.subarray(0, n), 'p.png')).toThrow(ImageInputError);
    expect(readImageHeader(png.subarray(0, 29), 'p.png')).toEqual({ format: 'png', width: 600, height: 400 });
  });

  it('rejects JPEG prefixes that stop before the scan', () => {
    const jpg = bytes('rocket.jpg');
    for (const n of [3, 20, 100, 300]) {
      expectImageError(() => readImageHeader(jpg.subarray(0, n), 'r.jpg'), 'r.jpg', /truncated JPEG|corrupt JPEG/);
    }
  });

  it('names unsupported and empty files', () => {
    expectImageError(() => readImageHeader(new TextEncoder().encode('hello, not an image'), 'notes.txt'), 'notes.txt', /unsupported file type/);
    expectImageError(() => readImageHeader(new Uint8Array([0x42, 0x4d, 0, 0, 0, 0]), 'old.bmp'), 'old.bmp', /unsupported file type/);
    expectImageError(() => readImageHeader(new Uint8Array(0), 'empty.png'), 'empty.png', /empty/);
  });

  it('rejects a PNG that declares a zero size', () => {
    const png = bytes('coffee.png').slice(0, 64);
    png.fill(0, 16, 20); // width = 0
    expectImageError(() => readImageHeader(png, 'zero.png'), 'zero.png', /size 0x400/);
  });
});

describe('checkImageHeader pixel cap', () => {
  it('rejects a header that declares a huge image without decoding it', () => {
    const png = bytes('coffee.png').slice(0, 64);
    // Declare 60000 x 40000 (2.4 GP) in IHDR; the pixel data stays tiny.
    new DataView(png.buffer).setUint32(16, 60000);
    new DataView(png.buffer).setUint32(20, 40000);
    expectImageError(() => checkImageHeader(png, 'huge.png'), 'huge.png', /60000x40000.*over the 40 MP limit/);
  });

  it('passes images at the cap and rejects one pixel more', () => {
    const png = bytes('coffee.png');
    expect(checkImageHeader(png, 'c.png', 600 * 400).width).toBe(600);
    expectImageError(() => checkImageHeader(png, 'c.png', 600 * 400 - 1), 'c.png', /over the/);
  });
});
