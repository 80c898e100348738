// Horizontal bars of median latency on a log axis, min-max whiskers, bars labelled directly, in groups
// (a model, an operator size). The same label has the same colour in every group.
import { logDomain, logScale, logTicks } from './logAxis';
import { clipText, formatMs, formatTick, GRID, MUTED, round, SERIES_COLOURS, svgDocument, svgText, textWidth } from './svg';
import { InternalError } from '../engine/errors';

export interface Bar {
  label: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Runs behind the median (shown in the description). */
  runs: number;
}

export interface BarGroup {
  /** Heading above the group's bars; omitted when there is one group and no title. */
  title?: string;
  bars: Bar[];
}

export interface BarPlotInput {
  title: string;
  subtitle?: string;
  groups: BarGroup[];
  width: number;
}

const BAR = 16;
const ROW = 24;
const HEADING = 22;
const TOP = 52;

function describe(input: BarPlotInput): string {
  const groups = input.groups.map((g) => {
    const bars = g.bars.map((b) => `${b.label} ${formatMs(b.medianMs)} ms (${formatMs(b.minMs)} to ${formatMs(b.maxMs)}, ${b.runs} runs)`).join(', ');
    return g.title ? `${g.title}: ${bars}` : bars;
  });
  return `${input.title}. Median latency, log scale. ${groups.join('; ')}.`;
}

/** The bar chart as an SVG string. */
export function barPlotSvg(input: BarPlotInput): string {
  const bars = input.groups.flatMap((g) => g.bars);
  if (bars.length === 0) throw new InternalError('barPlotSvg: no bars');
  const W = input.width;
  const labelW = Math.min(Math.max(...bars.map((b) => textWidth(b.label, 12))) + 14, W * 0.4);
  const valueW = 64;
  const [x0, x1] = [8 + labelW, W - valueW];
  const [lo, hi] = logDomain(Math.min(...bars.map((b) => b.minMs)), Math.max(...bars.map((b) => b.maxMs)));
  const sx = logScale(lo, hi, x0, x1);
  const colours = new Map<string, string>();
  for (const b of bars) if (!colours.has(b.label)) colours.set(b.label, SERIES_COLOURS[colours.size % SERIES_COLOURS.length]);
  const body: string[] = [svgText(8, 20, input.title, { size: 15, weight: 'bold' })];
  if (input.subtitle) body.push(svgText(8, 38, clipText(input.subtitle, W - 16, 11), { size: 11, colour: MUTED }));
  const marks: string[] = [];
  let y = TOP;
  for (const g of input.groups) {
    if (g.title) {
      marks.push(svgText(8, y + 15, g.title, { size: 12, weight: 'bold' }));
      y += HEADING;
    }
    for (const b of g.bars) {
      marks.push(...barMarks(b, colours.get(b.label)!, sx, x0, y, labelW));
      y += ROW;
    }
  }
  const y1 = y + 4;
  for (const t of logTicks(lo, hi, W < 500 ? 1.5 : 3)) {
    const x = round(sx(t.value));
    body.push(`<line x1="${x}" y1="${TOP}" x2="${x}" y2="${y1}" stroke="${GRID}" stroke-width="${t.major ? 1.2 : 0.7}"/>`);
    body.push(`<line x1="${x}" y1="${y1}" x2="${x}" y2="${y1 + 5}" stroke="${MUTED}"/>`);
    body.push(svgText(x, y1 + 18, formatTick(t.value), { size: 11, anchor: 'middle', colour: MUTED }));
  }
  body.push(`<line x1="${round(x0)}" y1="${TOP}" x2="${round(x0)}" y2="${y1}" stroke="${MUTED}"/>`);
  body.push(`<line x1="${round(x0)}" y1="${y1}" x2="${round(x1)}" y2="${y1}" stroke="${MUTED}"/>`);
  body.push(...marks);
  body.push(svgText((x0 + x1) / 2, y1 + 38, 'median latency, ms (log scale)', { size: 12, anchor: 'middle' }));
  body.push(svgText(8, y1 + 58, 'bar: median; whisker: fastest to slowest run', { size: 11, colour: MUTED }));
  return svgDocument(W, y1 + 68, describe(input), body);
}

function barMarks(b: Bar, colour: string, sx: (v: number) => number, x0: number, y: number, labelW: number): string[] {
  const cy = y + ROW / 2;
  const xm = sx(b.medianMs);
  const [xa, xb] = [round(sx(b.minMs)), round(sx(b.maxMs))];
  return [
    svgText(x0 - 8, cy, clipText(b.label, labelW - 14, 12), { size: 12, anchor: 'end', baseline: 'middle' }),
    `<rect x="${round(x0)}" y="${round(cy - BAR / 2)}" width="${round(Math.max(1, xm - x0))}" height="${BAR}" fill="${colour}" opacity="0.85"/>`,
    `<path d="M${xa} ${round(cy)}H${xb}M${xa} ${round(cy - 5)}V${round(cy + 5)}M${xb} ${round(cy - 5)}V${round(cy + 5)}" stroke="${'#1d1d1f'}" stroke-width="1.2" fill="none"/>`,
    svgText(xb + 5, cy, `${formatMs(b.medianMs)} ms`, { size: 11, baseline: 'middle' }),
  ];
}
