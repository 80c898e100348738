// Latency against input size on log-log axes, one line per series (backend, operator), min-max whiskers at
// each point, the least-squares power law dashed, its exponent printed in the legend.
import { fittedPowerLaw } from './fit';
import { legendBlock, type LegendEntry } from './legend';
import { logDomain, logScale, logTicks, paddedLogDomain } from './logAxis';
import {
  clipText, formatMs, formatTick, GRID, MARKER_SHAPES, MUTED, round, SERIES_COLOURS, svgDocument, svgMarker, svgText,
} from './svg';
import { InternalError } from '../engine/errors';

export interface ScalingPoint {
  /** Input pixels (side * side), the x value. */
  pixels: number;
  /** Shown above the plot at this x, e.g. '224²'. */
  sizeLabel: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface ScalingSeries {
  label: string;
  points: ScalingPoint[];
}

export interface ScalingPlotInput {
  title: string;
  /** Second line under the title: adapter, date. */
  subtitle?: string;
  series: ScalingSeries[];
  /** Picture width in px; text keeps its size, the plot area takes the rest. */
  width: number;
}

/** The fitted exponent of a series (NaN below two sizes). */
export function seriesExponent(s: ScalingSeries): number {
  return fittedPowerLaw(s.points.map((p) => p.pixels), s.points.map((p) => p.medianMs)).exponent;
}

export function legendLabel(s: ScalingSeries): string {
  const k = seriesExponent(s);
  return Number.isFinite(k) ? `${s.label}: time ∝ pixels^${k.toFixed(2)}` : s.label;
}

function describe(input: ScalingPlotInput): string {
  const parts = input.series.map((s) => {
    const pts = s.points.map((p) => `${formatMs(p.medianMs)} ms at ${p.sizeLabel}`).join(', ');
    const k = seriesExponent(s);
    return `${s.label}: ${pts}${Number.isFinite(k) ? `, fitted exponent ${k.toFixed(2)}` : ''}`;
  });
  return `${input.title}. Median latency against input pixels, log-log. ${parts.join('; ')}.`;
}

const MARGIN = { left: 62, right: 18, top: 66, bottom: 50 };

/** The plot as an SVG string. Series without points are left out. */
export function scalingPlotSvg(input: ScalingPlotInput): string {
  const series = input.series.filter((s) => s.points.length > 0);
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) throw new InternalError('scalingPlotSvg: no points');
  const W = input.width;
  const plotW = W - MARGIN.left - MARGIN.right;
  const plotH = Math.round(Math.min(340, Math.max(200, plotW * 0.55)));
  const [x0, x1] = [MARGIN.left, MARGIN.left + plotW];
  const [y0, y1] = [MARGIN.top, MARGIN.top + plotH];
  const [xlo, xhi] = paddedLogDomain(Math.min(...all.map((p) => p.pixels)), Math.max(...all.map((p) => p.pixels)));
  const [ylo, yhi] = logDomain(Math.min(...all.map((p) => p.minMs)), Math.max(...all.map((p) => p.maxMs)));
  const sx = logScale(xlo, xhi, x0, x1);
  const sy = logScale(ylo, yhi, y1, y0);
  const body: string[] = [svgText(x0 - MARGIN.left + 8, 20, input.title, { size: 15, weight: 'bold' })];
  if (input.subtitle) body.push(svgText(8, 38, clipText(input.subtitle, W - 16, 11), { size: 11, colour: MUTED }));
  body.push(...axes(sx, sy, [xlo, xhi], [ylo, yhi], [x0, x1], [y0, y1], W));
  const sizes = new Map(all.map((p) => [p.pixels, p.sizeLabel]));
  for (const [pixels, label] of sizes) {
    body.push(`<line x1="${round(sx(pixels))}" y1="${y0}" x2="${round(sx(pixels))}" y2="${y1}" stroke="${MUTED}" stroke-width="0.6" stroke-dasharray="2 3"/>`);
    body.push(svgText(sx(pixels), y0 - 6, label, { size: 11, anchor: 'middle', colour: MUTED }));
  }
  const legend: LegendEntry[] = [];
  series.forEach((s, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    const marker = MARKER_SHAPES[i % MARKER_SHAPES.length];
    body.push(...seriesMarks(s, colour, marker, sx, sy));
    legend.push({ label: legendLabel(s), colour, marker });
  });
  const block = legendBlock(legend, 8, y1 + MARGIN.bottom, W - 16);
  body.push(...block.svg);
  return svgDocument(W, y1 + MARGIN.bottom + block.height + 8, describe(input), body);
}

type Scale = (v: number) => number;

function axes(sx: Scale, sy: Scale, xd: [number, number], yd: [number, number], [x0, x1]: [number, number], [y0, y1]: [number, number], W: number): string[] {
  const out: string[] = [];
  const xTicks = logTicks(xd[0], xd[1], W < 500 ? 1.5 : 3);
  for (const t of xTicks) {
    const x = round(sx(t.value));
    out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y1}" stroke="${GRID}" stroke-width="${t.major ? 1.2 : 0.7}"/>`);
    out.push(`<line x1="${x}" y1="${y1}" x2="${x}" y2="${y1 + 5}" stroke="${MUTED}"/>`);
    out.push(svgText(x, y1 + 18, formatTick(t.value), { size: 11, anchor: 'middle', colour: MUTED }));
  }
  for (const t of logTicks(yd[0], yd[1], 3)) {
    const y = round(sy(t.value));
    out.push(`<line x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="${GRID}" stroke-width="${t.major ? 1.2 : 0.7}"/>`);
    out.push(`<line x1="${x0 - 5}" y1="${y}" x2="${x0}" y2="${y}" stroke="${MUTED}"/>`);
    out.push(svgText(x0 - 8, y, formatTick(t.value), { size: 11, anchor: 'end', baseline: 'middle', colour: MUTED }));
  }
  out.push(`<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="none" stroke="${MUTED}" stroke-width="1"/>`);
  out.push(svgText((x0 + x1) / 2, y1 + 38, 'input pixels (side × side, log scale)', { size: 12, anchor: 'middle' }));
  out.push(svgText(16, (y0 + y1) / 2, 'median latency, ms (log scale)', { size: 12, anchor: 'middle', rotate: -90 }));
  return out;
}

function seriesMarks(s: ScalingSeries, colour: string, marker: (typeof MARKER_SHAPES)[number], sx: Scale, sy: Scale): string[] {
  const out: string[] = [];
  const pts = [...s.points].sort((a, b) => a.pixels - b.pixels);
  const fit = fittedPowerLaw(pts.map((p) => p.pixels), pts.map((p) => p.medianMs));
  if (Number.isFinite(fit.exponent)) {
    const [a, b] = [pts[0].pixels, pts[pts.length - 1].pixels];
    out.push(`<line x1="${round(sx(a))}" y1="${round(sy(fit.at(a)))}" x2="${round(sx(b))}" y2="${round(sy(fit.at(b)))}" stroke="${colour}" stroke-width="1" stroke-dasharray="5 4" opacity="0.8"/>`);
  }
  out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.map((p) => `${round(sx(p.pixels))},${round(sy(p.medianMs))}`).join(' ')}"/>`);
  for (const p of pts) {
    const x = round(sx(p.pixels));
    const [top, bottom] = [round(sy(p.maxMs)), round(sy(p.minMs))];
    out.push(`<path d="M${x} ${top}V${bottom}M${x - 4} ${top}H${x + 4}M${x - 4} ${bottom}H${x + 4}" stroke="${colour}" stroke-width="1.2" fill="none"/>`);
    out.push(svgMarker(marker, x, sy(p.medianMs), colour));
  }
  return out;
}
