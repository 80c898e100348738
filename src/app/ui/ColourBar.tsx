// A colour bar with numbers: the colour map left to right, ticks with values, the quantity and its unit.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { gradientCss, type ColormapName } from '../../engine/display/colormap';
import { formatTick, niceTicks } from './render/scale';
import { useT } from '../i18n/i18n';

export interface ColourScale {
  colormap: ColormapName;
  /** Values at the left (colour 0) and right (colour 1) ends. */
  lo: number;
  hi: number;
  /** What the colours stand for, with its unit, e.g. "heat (energy over channels, a.u.)". */
  label: string;
  /** Tick values; default: about five nice ones. */
  ticks?: number[];
  /** Custom tick labels (same length as ticks). */
  tickLabels?: string[];
}

/** Width assumed for a bar not yet measured (the narrowest figures, at 400 px screens, are about this wide). */
export const DEFAULT_BAR_WIDTH_PX = 180;
/** A tick label's width per character at the bar's 0.72rem tabular digits (~6.3 px), rounded up, and the gap kept between labels. */
const LABEL_CHAR_PX = 7;
const LABEL_GAP_PX = 6;

export interface PlacedTick {
  value: number;
  label: string;
  /** Position along the bar, 0 (left end) to 1 (right end). */
  at: number;
}

/** The label's [left, right] in px on a bar `width` wide: left-aligned at the left end, right-aligned at the right, else centred. */
function labelBox(t: PlacedTick, width: number): [number, number] {
  const w = t.label.length * LABEL_CHAR_PX;
  const x = t.at * width;
  if (t.at <= 0.001) return [x, x + w];
  if (t.at >= 0.999) return [x - w, x];
  return [x - w / 2, x + w / 2];
}

/**
 * Ticks whose labels fit side by side on a bar `width` px wide: the two ends always, each inner tick only if its
 * label clears the last kept one and the right end's by LABEL_GAP_PX (so "0.00951" and "0.05" never run together).
 */
export function fitTicks(ticks: PlacedTick[], width: number): PlacedTick[] {
  if (ticks.length <= 2) return ticks;
  const last = ticks[ticks.length - 1];
  const lastBox = labelBox(last, width);
  const kept = [ticks[0]];
  for (const t of ticks.slice(1, -1)) {
    const [l, r] = labelBox(t, width);
    if (l >= labelBox(kept[kept.length - 1], width)[1] + LABEL_GAP_PX && r + LABEL_GAP_PX <= lastBox[0]) kept.push(t);
  }
  kept.push(last);
  return kept;
}

export function scaleTicks(s: ColourScale, width = DEFAULT_BAR_WIDTH_PX): PlacedTick[] {
  const ticks = s.ticks ?? niceTicks(s.lo, s.hi, 5);
  const span = s.hi - s.lo;
  return fitTicks(ticks.map((v, i) => ({ value: v, label: s.tickLabels?.[i] ?? formatTick(v), at: span !== 0 ? (v - s.lo) / span : 0.5 })), width);
}

/** The element's width in px, kept up to date (DEFAULT_BAR_WIDTH_PX until it is laid out). */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(DEFAULT_BAR_WIDTH_PX);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => el.clientWidth > 0 && setWidth(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function ColourBar({ scale, testId }: { scale: ColourScale; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const ticks = scaleTicks(scale, useWidth(ref));
  const t = useT('common');
  const summary = t('colourBar.summary', { label: scale.label, lo: formatTick(scale.lo), hi: formatTick(scale.hi) });
  return (
    <div ref={ref} className="colour-bar" data-testid={testId ?? 'colour-bar'} role="img" aria-label={summary} data-lo={scale.lo} data-hi={scale.hi}>
      <div className="colour-bar-strip" style={{ background: gradientCss(scale.colormap) }} />
      <div className="colour-bar-ticks" aria-hidden="true">
        {ticks.map((t, i) => (
          <span
            key={i}
            className="colour-bar-tick"
            data-testid="colour-bar-tick"
            style={{ left: `${t.at * 100}%`, transform: `translateX(${t.at <= 0.001 ? '0' : t.at >= 0.999 ? '-100%' : '-50%'})` }}
          >
            {t.label}
          </span>
        ))}
      </div>
      <div className="colour-bar-label">{scale.label}</div>
    </div>
  );
}
