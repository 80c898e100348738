// Export of the full-resolution heat view: one picture (PNG) or the whole animation (WebM through MediaRecorder),
// each drawn as the page shows it: the panel(s) at the image's resolution (scaled up when small), a title per
// panel, the colour bar with its numbers and units, and the caption.

import { download, exportName, wrapText } from '../../ui/render/exportFigure';
import { recordWebm } from '../../ui/render/recordWebm';
import { UnavailableError } from '../../../engine/errors';
import { tFor } from '../../i18n/i18n';

export interface ExportPanel {
  title: string;
  frames: ImageBitmap[];
}

export interface ExportPicture {
  panels: ExportPanel[];
  /** Image size in pixels (every frame of every panel). */
  width: number;
  height: number;
  /** Per frame: the line printed with it, e.g. "t = 0.46". */
  frameLabels: string[];
  caption: string[];
  smooth: boolean;
}

const MIN_PANEL_WIDTH = 360;
const GAP = 12;
const TITLE = 22;
const BAR_BLOCK = 54;
const LINE = 18;
const PAD = 10;

const CAPTION_FONT = '12px sans-serif';

/** Splits each paragraph into lines that fit `width` pixels in the caption font. */
function wrapCaption(ctx: CanvasRenderingContext2D, paragraphs: string[], width: number): string[] {
  ctx.font = CAPTION_FONT;
  return paragraphs.flatMap((text) => wrapText(ctx, text, width));
}

/** Width and height of the drawn picture, the size of each panel's image and the caption's lines. */
function layout(ctx: CanvasRenderingContext2D, p: ExportPicture) {
  const scale = p.width < MIN_PANEL_WIDTH ? MIN_PANEL_WIDTH / p.width : 1;
  const panelWidth = Math.round(p.width * scale);
  const panelHeight = Math.round(p.height * scale);
  const width = PAD * 2 + p.panels.length * panelWidth + (p.panels.length - 1) * GAP;
  const caption = wrapCaption(ctx, p.caption, width - 2 * PAD);
  const height = PAD * 2 + TITLE + panelHeight + LINE + BAR_BLOCK + caption.length * LINE;
  return { width, height, panelWidth, panelHeight, caption };
}

/** The three colour bars (R, G, B planes) from 0 to 1 with their ticks, at (x, y), each `barWidth` wide. */
export function drawColourBars(ctx: CanvasRenderingContext2D, x: number, y: number, barWidth: number): void {
  const t = tFor('fullres');
  const colours = [['R', '255,0,0'], ['G', '0,255,0'], ['B', '0,0,255']] as const;
  ctx.font = '12px sans-serif';
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#222';
  ctx.fillText(t('colourBar.export'), x, y);
  colours.forEach(([name, rgb], i) => {
    const bx = x + 18 + i * (barWidth + 30);
    const by = y + 18;
    const g = ctx.createLinearGradient(bx, 0, bx + barWidth, 0);
    g.addColorStop(0, 'rgb(0,0,0)');
    g.addColorStop(1, `rgb(${rgb})`);
    ctx.fillStyle = '#222';
    ctx.fillText(name, bx - 14, by);
    ctx.fillStyle = g;
    ctx.fillRect(bx, by, barWidth, 12);
    ctx.fillStyle = '#222';
    for (const [v, label] of [[0, '0'], [0.5, '0.5'], [1, '1']] as const) {
      const tx = bx + v * barWidth;
      ctx.fillRect(tx - 0.5, by + 12, 1, 4);
      ctx.fillText(label, Math.min(tx - 3, bx + barWidth - 6 * label.length), by + 17);
    }
  });
}

/** Draws frame `index` of the picture into `canvas` (resized to fit). */
export function drawExportFrame(canvas: HTMLCanvasElement, p: ExportPicture, index: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new UnavailableError('no 2D canvas context for the export');
  const l = layout(ctx, p);
  if (canvas.width !== l.width || canvas.height !== l.height) {
    canvas.width = l.width;
    canvas.height = l.height;
  }
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, l.width, l.height);
  ctx.font = 'bold 14px sans-serif';
  ctx.textBaseline = 'top';
  p.panels.forEach((panel, i) => {
    const x = PAD + i * (l.panelWidth + GAP);
    ctx.fillStyle = '#222';
    ctx.fillText(panel.title, x, PAD);
    ctx.imageSmoothingEnabled = p.smooth;
    ctx.drawImage(panel.frames[Math.min(index, panel.frames.length - 1)], x, PAD + TITLE, l.panelWidth, l.panelHeight);
  });
  let y = PAD + TITLE + l.panelHeight + 4;
  ctx.font = 'bold 13px sans-serif';
  ctx.fillStyle = '#222';
  ctx.fillText(p.frameLabels[index] ?? '', PAD, y);
  y += LINE;
  drawColourBars(ctx, PAD, y, Math.min(110, Math.floor((l.width - 2 * PAD - 100) / 3)));
  y += BAR_BLOCK;
  ctx.font = CAPTION_FONT;
  ctx.fillStyle = '#444';
  for (const line of l.caption) {
    ctx.fillText(line, PAD, y);
    y += LINE;
  }
}

/** One download helper and one file-name rule for every export of the page. */
export { download, exportName };

export async function pictureToPng(p: ExportPicture, index: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  drawExportFrame(canvas, p, index);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new UnavailableError('the picture could not be encoded as PNG');
  return blob;
}

/** The animation (every frame once, `fps` frames per second, the last held for half a second) as WebM. */
export function animationToWebm(p: ExportPicture, fps: number, onFrame?: (index: number) => void): Promise<Blob> {
  const count = Math.max(...p.panels.map((panel) => panel.frames.length));
  return recordWebm((canvas, i) => drawExportFrame(canvas, p, i), count, fps, onFrame);
}
