// The details of a heat figure, closed by default: one line stays under the figure, the rest is one click away.
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';

export function HowToRead({ children }: { children: ReactNode }) {
  const t = useT('heat');
  return (
    <details className="how-to-read">
      <summary title={t('howToRead')} aria-label={t('howToRead')}>?</summary>
      <div className="hint">{children}</div>
    </details>
  );
}
