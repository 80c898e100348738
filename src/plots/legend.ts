// A legend below the plot area, wrapping into rows to fit the width (so a narrow picture stays readable).
import { round, svgMarker, svgText, textWidth, type MarkerShape } from './svg';

export interface LegendEntry {
  label: string;
  colour: string;
  marker: MarkerShape;
}

const FONT = 12;
const ROW = 18;
const SWATCH = 30;

/** The legend's SVG and height; entries flow left to right within [x, x + width]. */
export function legendBlock(entries: LegendEntry[], x: number, y: number, width: number): { svg: string[]; height: number } {
  const svg: string[] = [];
  let cx = x;
  let cy = y + ROW / 2;
  for (const e of entries) {
    const w = SWATCH + textWidth(e.label, FONT) + 16;
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += ROW;
    }
    svg.push(`<line x1="${round(cx)}" y1="${round(cy)}" x2="${round(cx + SWATCH - 6)}" y2="${round(cy)}" stroke="${e.colour}" stroke-width="2"/>`);
    svg.push(svgMarker(e.marker, cx + (SWATCH - 6) / 2, cy, e.colour));
    svg.push(svgText(cx + SWATCH, cy, e.label, { size: FONT, baseline: 'middle' }));
    cx += w;
  }
  return { svg, height: cy - y + ROW / 2 };
}
