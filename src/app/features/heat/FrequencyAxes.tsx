// Axes around a square frequency map: n (vertical frequency index) down, m (horizontal) across, the DC
// corner marked. Used by the learned-k spectrum.
import type { ReactNode } from 'react';

export function FrequencyAxes({ side, children }: { side: number; children: ReactNode }) {
  const last = side - 1;
  return (
    <div className="freq-axes" data-testid="spectrum-axes">
      <span className="y-label">n: vertical frequency →</span>
      <span className="y-ticks" aria-hidden="true">
        <span>0</span>
        <span>{last}</span>
      </span>
      <div className="freq-plot">
        {children}
        <span className="dc-mark" title="n = m = 0: the mean of the map, which never decays">DC</span>
      </div>
      <span className="x-ticks" aria-hidden="true">
        <span>0</span>
        <span>{last}</span>
      </span>
      <span className="x-label">m: horizontal frequency →</span>
    </div>
  );
}
