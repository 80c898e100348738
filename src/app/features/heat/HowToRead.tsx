// The details of a heat figure, closed by default: one line stays under the figure, the rest is one click away.
import type { ReactNode } from 'react';

export function HowToRead({ children }: { children: ReactNode }) {
  return (
    <details className="how-to-read">
      <summary title="How to read this" aria-label="How to read this">?</summary>
      <div className="hint">{children}</div>
    </details>
  );
}
