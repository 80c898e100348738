// A block's channels as bars sorted by how much they conduct (mean learned k over frequencies, HcNet: alpha):
// tall bars spread their heat fast, flat grey ones (k = 0 everywhere) never conduct and keep local detail.
// One bar is the chosen channel; click or arrow keys pick another. Presentational: data in, picks out.
import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useT } from '../../i18n/i18n';
import { conductionSummary, type ChannelBar } from './channelStripData';
import { formatSignificant } from './formatDigits';

interface Props {
  /** Bars sorted by mean k, largest first. */
  bars: ChannelBar[];
  quantity: 'k' | 'alpha';
  /** The chosen channel (its index in the model), or null for "all conducting channels". */
  selected: number | null;
  onPick: (channel: number | null) => void;
}

const HEIGHT = 56;

function barColour(b: ChannelBar, top: number): string {
  if (!b.conducts) return '#b8b2aa';
  const f = top > 0 ? Math.min(1, b.mean / top) : 0;
  return `hsl(${28 - 20 * f} 90% ${62 - 26 * f}%)`;
}

export function ChannelStrip({ bars, quantity, selected, onPick }: Props) {
  const t = useT('heat');
  const [hover, setHover] = useState<number | null>(null);
  const top = bars.reduce((m, b) => Math.max(m, b.mean), 0);
  const n = bars.length;
  const chosenAt = selected === null ? -1 : bars.findIndex((b) => b.channel === selected);
  const at = (e: MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return Math.min(n - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * n)));
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (e.key === 'Escape') onPick(null);
    if (step === 0) return;
    e.preventDefault();
    onPick(bars[Math.min(n - 1, Math.max(0, (chosenAt < 0 ? -step : chosenAt) + step))].channel);
  };
  const shown = hover ?? (chosenAt >= 0 ? chosenAt : null);
  const name = quantity === 'k' ? t('strip.meanK') : 'α';
  const summary = conductionSummary(bars, quantity);
  const readout = (b: ChannelBar) => {
    const values = { channel: b.channel, name, value: formatSignificant(b.mean) };
    return b.conducts ? t('strip.readout', values) : t('strip.readoutNever', values);
  };
  return (
    <div className="channel-strip" data-testid="channel-strip">
      <svg
        viewBox={`0 0 ${n} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="listbox"
        tabIndex={0}
        aria-label={t('strip.label', { name, summary })}
        aria-activedescendant={chosenAt >= 0 ? `channel-bar-${bars[chosenAt].channel}` : undefined}
        onKeyDown={onKey}
        onMouseMove={(e) => setHover(at(e))}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => onPick(bars[at(e)].channel)}
      >
        {bars.map((b, i) => {
          const h = b.conducts ? Math.max(2, (b.mean / (top || 1)) * (HEIGHT - 4)) : 2;
          return (
            <rect
              key={b.channel}
              id={`channel-bar-${b.channel}`}
              role="option"
              aria-selected={i === chosenAt}
              x={i + 0.1}
              width={0.8}
              y={HEIGHT - h}
              height={h}
              fill={i === chosenAt ? '#1d4ed8' : barColour(b, top)}
            />
          );
        })}
      </svg>
      <div className="channel-strip-readout" aria-live="polite">
        {shown === null ? summary : readout(bars[shown])}
      </div>
    </div>
  );
}
