// PNG of a [0, 1] map as the page draws it (src/engine/display/colormap.ts), each map pixel a `cell` x `cell`
// square, with a colour bar on the right: the colour map from 1 (top) to 0 (bottom), so the picture can be read.

import { PNG } from 'pngjs';
import { mapToRgba, type ColormapName } from '../engine/display/colormap';

/** Target side of the drawn map in pixels (small maps are scaled up by whole cells, never below 1 per pixel). */
const TARGET_SIDE = 512;
const BAR_GAP = 8;
const BAR_WIDTH = 16;

export function mapPng(data: Float32Array, height: number, width: number, colormap: ColormapName = 'inferno'): Uint8Array {
  const cell = Math.max(1, Math.floor(TARGET_SIDE / Math.max(height, width)));
  const mapRgba = mapToRgba(data, 0, height, width, 1, colormap);
  const barRgba = mapToRgba(Float32Array.from({ length: height * cell }, (_, i) => 1 - i / Math.max(1, height * cell - 1)), 0, height * cell, 1, 1, colormap);
  const png = new PNG({ width: width * cell + BAR_GAP + BAR_WIDTH, height: height * cell });
  png.data.fill(255);
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const o = (y * png.width + x) * 4;
      let src: Uint8ClampedArray | null = null;
      let i = 0;
      if (x < width * cell) {
        src = mapRgba;
        i = (Math.floor(y / cell) * width + Math.floor(x / cell)) * 4;
      } else if (x >= width * cell + BAR_GAP) {
        src = barRgba;
        i = y * 4;
      }
      if (src) for (let c = 0; c < 4; c++) png.data[o + c] = src[i + c];
    }
  }
  const bytes = PNG.sync.write(png);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
