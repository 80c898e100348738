// Pieces of the full-resolution heat view: the colour bar, the log time axis, the canvas of one frame stack.
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n';

/** The scale of an RGB temperature picture: one bar per colour plane, 0 to 1, with numbers and the unit. */
export function RgbColourBar() {
  const t = useT('fullres');
  return (
    <div className="fr-colourbar" data-testid="fullres-colourbar" role="img" aria-label={t('colourBar.label')}>
      <span className="fr-colourbar-title">{t('colourBar.title')}</span>
      <div className="fr-bars">
        {(['R', 'G', 'B'] as const).map((c) => (
          <div key={c} className="fr-bar">
            <span className="fr-bar-name">{c}</span>
            <div className="fr-bar-body">
              <div className={`fr-gradient fr-${c}`} />
              <div className="fr-ticks" aria-hidden="true">
                <span>0</span>
                <span>0.5</span>
                <span>1</span>
              </div>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

/** Labels of a log time axis: the decades among `times` (index 0 is t = 0), placed at their frame index. */
export function LogAxis({ times, unit }: { times: number[]; unit: 'steps' | 't' }) {
  const t = useT('fullres');
  const last = times.length - 1;
  // No tick for the first frame (t = 0, one slot left of the axis' first decade): the unit line says it.
  const ticks: { index: number; label: string }[] = [];
  for (let i = 1; i <= last; i++) {
    const decade = Math.log10(times[i]);
    if (Math.abs(decade - Math.round(decade)) < 1e-6 || i === last) ticks.push({ index: i, label: String(Number(times[i].toPrecision(3))) });
  }
  return (
    <div className="fr-axis" aria-hidden="true">
      {ticks.map((tick) => (
        <span key={tick.index} style={{ left: `${(100 * tick.index) / Math.max(1, last)}%` }}>
          {tick.label}
        </span>
      ))}
      <span className="fr-axis-unit">{unit === 't' ? t('axis.time') : t('axis.steps')}</span>
    </div>
  );
}

/** One frame of a stack, drawn at the image's own resolution; CSS scales it to the column. */
export function FrameCanvas({ frames, index, width, height, smooth, label, testId }: {
  frames: ImageBitmap[];
  index: number;
  width: number;
  height: number;
  smooth: boolean;
  label: string;
  testId: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const bitmap = frames[Math.min(index, frames.length - 1)];
    if (!c || !bitmap) return;
    if (c.width !== width) c.width = width;
    if (c.height !== height) c.height = height;
    c.getContext('2d')?.drawImage(bitmap, 0, 0);
    c.dataset.frame = String(index);
  }, [frames, index, width, height]);
  return (
    <canvas
      ref={ref}
      className={smooth ? 'fr-canvas smooth' : 'fr-canvas pixelated'}
      style={{ aspectRatio: `${width} / ${height}` }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
