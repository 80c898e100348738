import { expect, it } from 'vitest';
import { scaledPixel } from './compare';

it('scaledPixel carries a pixel to the same relative place of another input size, clamped inside it', () => {
  expect(scaledPixel(20, 20, 64, 32)).toEqual({ row: 10, col: 10 });
  expect(scaledPixel(10, 5, 32, 64)).toEqual({ row: 21, col: 11 });
  expect(scaledPixel(16, 16, 32, 32)).toEqual({ row: 16, col: 16 });
  expect(scaledPixel(63, 70, 64, 32)).toEqual({ row: 31, col: 31 });
  expect(scaledPixel(-3, 0, 64, 32)).toEqual({ row: 0, col: 0 });
});
