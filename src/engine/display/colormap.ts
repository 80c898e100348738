// Colour maps for [0, 1] values: 'inferno' for magnitudes (heat, ERF), a blue-white-red diverging map for signed
// values (0.5 = zero). Piecewise-linear through anchor colours. Shared by the page's canvases and the command
// line's PNGs (no DOM, no React).

export type ColormapName = 'inferno' | 'diverging' | 'gray';

const ANCHORS: Record<ColormapName, [number, number, number][]> = {
  // matplotlib inferno at 0, 1/6 ... 1
  inferno: [[0, 0, 4], [40, 11, 84], [101, 21, 110], [159, 42, 99], [212, 72, 66], [245, 125, 21], [250, 193, 39], [252, 255, 164]],
  diverging: [[33, 102, 172], [146, 197, 222], [247, 247, 247], [244, 165, 130], [178, 24, 43]],
  gray: [[0, 0, 0], [255, 255, 255]],
};

const LUT_SIZE = 256;
const luts = new Map<ColormapName, Uint8ClampedArray>();

function lut(name: ColormapName): Uint8ClampedArray {
  let t = luts.get(name);
  if (t) return t;
  const a = ANCHORS[name];
  t = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const x = (i / (LUT_SIZE - 1)) * (a.length - 1);
    const j = Math.min(Math.floor(x), a.length - 2);
    const f = x - j;
    for (let c = 0; c < 3; c++) t[i * 3 + c] = a[j][c] + (a[j + 1][c] - a[j][c]) * f;
  }
  luts.set(name, t);
  return t;
}

/** CSS linear-gradient through the colour map's anchors, left (0) to right (1). */
export function gradientCss(name: ColormapName, direction = 'to right'): string {
  const a = ANCHORS[name];
  const stops = a.map(([r, g, b], i) => `rgb(${r} ${g} ${b}) ${((i / (a.length - 1)) * 100).toFixed(1)}%`);
  return `linear-gradient(${direction}, ${stops.join(', ')})`;
}

/** Paints the colour map into a canvas rectangle, left (0) to right (1) (for exported figures). */
export function paintGradient(ctx: CanvasRenderingContext2D, name: ColormapName, x: number, y: number, w: number, h: number): void {
  const t = lut(name);
  for (let i = 0; i < w; i++) {
    const j = Math.round((i / Math.max(1, w - 1)) * (LUT_SIZE - 1));
    ctx.fillStyle = `rgb(${t[j * 3]} ${t[j * 3 + 1]} ${t[j * 3 + 2]})`;
    ctx.fillRect(x + i, y, 1, h);
  }
}

/**
 * RGBA pixels of one frame of a map stack: 1-channel maps through the colour map, 3-channel maps as RGB.
 * alpha: a constant opacity, or 'by-value' (1-channel maps: opacity grows with the value).
 */
export function mapToRgba(
  data: Float32Array,
  frame: number,
  height: number,
  width: number,
  channels: 1 | 3,
  name: ColormapName,
  alpha: number | 'by-value' = 255,
): Uint8ClampedArray<ArrayBuffer> {
  const n = height * width;
  const out = new Uint8ClampedArray(n * 4);
  const t = lut(name);
  for (let p = 0; p < n; p++) {
    if (channels === 3) {
      for (let c = 0; c < 3; c++) out[p * 4 + c] = data[(frame * n + p) * 3 + c] * 255;
    } else {
      const v = data[frame * n + p];
      const i = Number.isFinite(v) ? Math.round(Math.min(Math.max(v, 0), 1) * (LUT_SIZE - 1)) : 0;
      out[p * 4] = t[i * 3];
      out[p * 4 + 1] = t[i * 3 + 1];
      out[p * 4 + 2] = t[i * 3 + 2];
    }
    // 'by-value': transparent where a magnitude map is 0, so the image shows through (overlays).
    out[p * 4 + 3] = alpha === 'by-value' ? 255 * Math.sqrt(Math.min(Math.max(data[frame * n + p] || 0, 0), 1)) : alpha;
  }
  return out;
}
