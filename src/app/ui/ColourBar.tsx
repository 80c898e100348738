// A colour bar with numbers: the colour map left to right, ticks with values, the quantity and its unit.
import { gradientCss, type ColormapName } from '../../engine/display/colormap';
import { formatTick, niceTicks } from './render/scale';

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

export function scaleTicks(s: ColourScale): { value: number; label: string; at: number }[] {
  const ticks = s.ticks ?? niceTicks(s.lo, s.hi, 5);
  const span = s.hi - s.lo;
  return ticks.map((v, i) => ({ value: v, label: s.tickLabels?.[i] ?? formatTick(v), at: span !== 0 ? (v - s.lo) / span : 0.5 }));
}

export function ColourBar({ scale, testId }: { scale: ColourScale; testId?: string }) {
  const ticks = scaleTicks(scale);
  const summary = `${scale.label}: colour scale from ${formatTick(scale.lo)} to ${formatTick(scale.hi)}`;
  return (
    <div className="colour-bar" data-testid={testId ?? 'colour-bar'} role="img" aria-label={summary} data-lo={scale.lo} data-hi={scale.hi}>
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
