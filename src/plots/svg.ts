// SVG building blocks shared by every plot: escaping, text, number formats, series colours and markers.
// Plain strings, no DOM: the same code draws in the page and in Node (`npm run bench:plots`).

/** Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), in series order. */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export const FONT_FAMILY = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';
export const INK = '#1d1d1f';
export const MUTED = '#5f6368';
export const GRID = '#e6e4df';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rough width of `text` at `fontSize` px in a sans-serif face (for layout only; no font metrics in Node). */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.56;
}

export interface TextOptions {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  colour?: string;
  weight?: 'normal' | 'bold';
  /** Rotation in degrees about (x, y). */
  rotate?: number;
  baseline?: 'auto' | 'middle' | 'hanging';
}

export function svgText(x: number, y: number, text: string, o: TextOptions = {}): string {
  const attrs = [
    `x="${round(x)}"`, `y="${round(y)}"`, `font-size="${o.size ?? 12}"`, `fill="${o.colour ?? INK}"`,
    `text-anchor="${o.anchor ?? 'start'}"`,
  ];
  if (o.weight === 'bold') attrs.push('font-weight="bold"');
  if (o.baseline && o.baseline !== 'auto') attrs.push(`dominant-baseline="${o.baseline}"`);
  if (o.rotate) attrs.push(`transform="rotate(${o.rotate} ${round(x)} ${round(y)})"`);
  return `<text ${attrs.join(' ')}>${escapeXml(text)}</text>`;
}

/** Shortens `text` to about `width` px at `fontSize` with an ellipsis. */
export function clipText(text: string, width: number, fontSize: number): string {
  const max = Math.max(4, Math.floor(width / (fontSize * 0.56)));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Tick label: 0.5, 2, 50, 1k, 20k, 1.5M (no exponents, no long zero runs). */
export function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e3) return `${trim(v / 1e3)}k`;
  return trim(v);
}

function trim(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** Milliseconds for value labels and tables: 3 significant digits below 1000, whole numbers above. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms >= 1000) return String(Math.round(ms));
  return String(Number(ms.toPrecision(3)));
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';
export const MARKER_SHAPES: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond'];

/** A point marker: shape as well as colour tells the series apart (print, colour-vision deficiencies). */
export function svgMarker(shape: MarkerShape, x: number, y: number, colour: string, r = 4): string {
  const [cx, cy] = [round(x), round(y)];
  const fill = `fill="${colour}" stroke="#ffffff" stroke-width="1"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${cx}" cy="${cy}" r="${r}" ${fill}/>`;
    case 'square':
      return `<rect x="${round(x - r)}" y="${round(y - r)}" width="${2 * r}" height="${2 * r}" ${fill}/>`;
    case 'triangle':
      return `<path d="M${cx} ${round(y - r * 1.2)}L${round(x + r * 1.1)} ${round(y + r * 0.8)}L${round(x - r * 1.1)} ${round(y + r * 0.8)}Z" ${fill}/>`;
    case 'diamond':
      return `<path d="M${cx} ${round(y - r * 1.3)}L${round(x + r * 1.3)} ${cy}L${cx} ${round(y + r * 1.3)}L${round(x - r * 1.3)} ${cy}Z" ${fill}/>`;
  }
}

/** The outer <svg> element: fixed pixel size (text stays the size it was laid out at), role=img with a label. */
export function svgDocument(width: number, height: number, label: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${round(height)}" viewBox="0 0 ${width} ${round(height)}" ` +
      `role="img" aria-label="${escapeXml(label)}" font-family="${FONT_FAMILY}">`,
    `<title>${escapeXml(label)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}
