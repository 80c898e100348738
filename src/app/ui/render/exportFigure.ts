// A figure as a PNG for papers and slides: its picture (every canvas of the figure's picture, stacked with
// their CSS opacity, scaled up nearest or smooth), the colour bar with its numbers, and the caption.
import type { ColourScale } from '../ColourBar';
import { scaleTicks } from '../ColourBar';
import { paintGradient } from '../../../engine/display/colormap';
import { EngineStateError, UnavailableError } from '../../../engine/errors';

export interface FigureExport {
  title: string;
  caption: string;
  scale?: ColourScale;
  /** Pixels of the exported picture's longer side. */
  size?: number;
  smooth: boolean;
}

const PAD = 16;
const FONT = '14px system-ui, sans-serif';
const TITLE_FONT = 'bold 16px system-ui, sans-serif';
const TITLE_LINE = 20;

/** The pieces a line may break between: words, and each Chinese character on its own (Chinese has no spaces). */
function breakUnits(text: string): { unit: string; spaced: boolean }[] {
  const units: { unit: string; spaced: boolean }[] = [];
  let spaced = false;
  for (const piece of text.match(/\s+|[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+/g) ?? []) {
    if (/^\s/.test(piece)) spaced = true;
    else {
      units.push({ unit: piece, spaced });
      spaced = false;
    }
  }
  return units;
}

/** Splits `text` into lines no wider than `width` pixels in the context's current font (between words, or between Chinese characters). */
export function wrapText(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const { unit, spaced } of breakUnits(text)) {
    const next = line ? line + (spaced ? ' ' : '') + unit : unit;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = unit;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function drawScale(ctx: CanvasRenderingContext2D, scale: ColourScale, x: number, y: number, w: number): number {
  paintGradient(ctx, scale.colormap, x, y, w, 14);
  ctx.strokeStyle = '#444';
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, 13);
  ctx.fillStyle = '#222';
  ctx.font = '12px system-ui, sans-serif';
  for (const t of scaleTicks(scale)) {
    const tx = x + t.at * w;
    ctx.fillRect(Math.round(tx), y + 14, 1, 4);
    ctx.textAlign = t.at <= 0.001 ? 'left' : t.at >= 0.999 ? 'right' : 'center';
    ctx.fillText(t.label, tx, y + 31);
  }
  ctx.textAlign = 'left';
  ctx.font = FONT;
  ctx.fillText(scale.label, x, y + 50);
  return 58;
}

/** A picture layer of a figure: a canvas (or bitmap) drawn with this opacity over the layers before it. */
export interface FigureLayer {
  source: CanvasImageSource & { width: number; height: number };
  alpha: number;
}

/** Draws the figure (title, its layers scaled to `spec.size`, colour bar, caption) into `out`, sizing it. */
export function drawFigure(out: HTMLCanvasElement, layers: FigureLayer[], spec: FigureExport): void {
  const first = layers[0]?.source;
  if (!first) throw new EngineStateError('the figure', 'has no picture yet');
  const long = spec.size ?? 768;
  const aspect = first.height / first.width;
  const w = aspect <= 1 ? long : Math.round(long / aspect);
  const h = Math.max(1, Math.round(w * aspect));
  const measure = out.getContext('2d')!;
  const width = w + 2 * PAD;
  measure.font = TITLE_FONT;
  const titleLines = wrapText(measure, spec.title, width - 2 * PAD);
  measure.font = FONT;
  const captionLines = wrapText(measure, spec.caption, width - 2 * PAD);
  const titleHeight = 24 + (titleLines.length - 1) * TITLE_LINE;
  const height = PAD + titleHeight + h + (spec.scale ? 66 : 8) + captionLines.length * 18 + PAD;
  if (out.width !== width || out.height !== height) [out.width, out.height] = [width, height];
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#111';
  ctx.font = TITLE_FONT;
  titleLines.forEach((line, i) => ctx.fillText(line, PAD, PAD + 14 + i * TITLE_LINE));
  ctx.imageSmoothingEnabled = spec.smooth;
  let y = PAD + titleHeight;
  for (const layer of layers) {
    ctx.globalAlpha = layer.alpha;
    ctx.drawImage(layer.source, PAD, y, w, h);
  }
  ctx.globalAlpha = 1;
  y += h + 8;
  if (spec.scale) y += drawScale(ctx, spec.scale, PAD, y, Math.min(w, 420));
  ctx.fillStyle = '#333';
  ctx.font = FONT;
  for (const line of captionLines) {
    y += 18;
    ctx.fillText(line, PAD, y);
  }
}

/** Renders the figure's canvases (in document order, later ones over earlier ones, with their CSS opacity) as a PNG. */
export async function figurePng(canvases: HTMLCanvasElement[], spec: FigureExport): Promise<Blob> {
  const out = document.createElement('canvas');
  drawFigure(out, canvases.map((c) => ({ source: c, alpha: Number(getComputedStyle(c).opacity || '1') })), spec);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new UnavailableError('the PNG could not be encoded'))), 'image/png'));
}

/** A file name from its parts: lower case, safe characters, joined by '_'. */
export function exportName(parts: (string | number | undefined)[], ext: string): string {
  const clean = parts
    .filter((p) => p !== undefined && p !== '')
    .map((p) => String(p).toLowerCase().replace(/[^a-z0-9.=-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((p) => p !== '');
  return `${clean.join('_') || 'figure'}.${ext}`;
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
