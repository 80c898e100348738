// Axes around a square frequency map: n (vertical frequency index) down, m (horizontal) across, the DC
// corner marked. Used by the learned-k spectrum.
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';

export function FrequencyAxes({ side, children }: { side: number; children: ReactNode }) {
  const t = useT('heat');
  const last = side - 1;
  return (
    <div className="freq-axes" data-testid="spectrum-axes">
      <span className="y-label">{t('axes.n')}</span>
      <span className="y-ticks" aria-hidden="true">
        <span>0</span>
        <span>{last}</span>
      </span>
      <div className="freq-plot">
        {children}
        <span className="dc-mark" title={t('axes.dcTitle')}>{t('dc')}</span>
      </div>
      <span className="x-ticks" aria-hidden="true">
        <span>0</span>
        <span>{last}</span>
      </span>
      <span className="x-label">{t('axes.m')}</span>
    </div>
  );
}
