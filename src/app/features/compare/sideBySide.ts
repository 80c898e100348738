// The comparison figure's PNG: the models' ERF canvases laid side by side into one canvas, each with its name above.
import { UnavailableError } from '../../../engine/errors';

const CELL = 160;
const GAP = 12;
const LABEL = 22;

export function sideBySideCanvas(canvases: HTMLCanvasElement[], labels: string[], smooth: boolean): HTMLCanvasElement {
  const out = document.createElement('canvas');
  out.width = Math.max(1, canvases.length * CELL + (canvases.length - 1) * GAP);
  out.height = CELL + LABEL;
  const ctx = out.getContext('2d');
  if (!ctx) throw new UnavailableError('no 2D canvas to draw the figure on');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.imageSmoothingEnabled = smooth;
  ctx.fillStyle = '#222';
  ctx.font = '13px system-ui, sans-serif';
  canvases.forEach((c, i) => {
    const x = i * (CELL + GAP);
    ctx.fillText(labels[i] ?? '', x, 15, CELL);
    ctx.drawImage(c, x, LABEL, CELL, CELL);
  });
  return out;
}
