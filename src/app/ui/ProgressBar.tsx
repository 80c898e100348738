import type { Busy } from '../store';

/** Progress of a long task: a determinate bar when the fraction is known. */
export function ProgressBar({ busy, testId }: { busy: Busy | null; testId?: string }) {
  if (!busy) return null;
  const pct = busy.fraction === null ? undefined : Math.round(busy.fraction * 100);
  return (
    <div className="progress" data-testid={testId}>
      <progress max={100} value={pct} aria-label={busy.label} />
      <span>
        {busy.label}
        {pct !== undefined ? ` ${pct}%` : '…'}
      </span>
    </div>
  );
}
