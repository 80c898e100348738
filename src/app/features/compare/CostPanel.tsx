// "Cost against size on this device": the token mixers' time per call against map size, measured in a worker of
// its own (costVsSizeWorker.ts) with progress and Cancel, on log-log axes with each curve's fitted exponent, the
// theory beside it, and where and why a curve stopped.
import { useEffect, useRef, useState } from 'react';
import type { CostOperator, CostResult } from '../../../engine/analysis/costVsSize';
import { scalingPlotSvg } from '../../../plots/scalingPlot';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ProgressBar } from '../../ui/ProgressBar';
import { useT } from '../../i18n/i18n';
import { costSeries, DEFAULT_COST_SIDES, exponentText, exponentVerdict, operatorName, parseSides, stopVerdict, theoryText } from './costReport';
import type { CostWorkerMessage, CostWorkerRequest } from './costVsSizeProtocol';

/** ?costSides=14,28 opens the panel with those sides (tests use a small range). */
function initialSides(): string {
  const fromUrl = typeof window !== 'undefined' ? new URLSearchParams(window.location.search).get('costSides') : null;
  return fromUrl ?? DEFAULT_COST_SIDES.join(', ');
}

interface Run {
  state: 'running' | 'cancelling' | 'done';
  /** The worker's backend and adapter, once started. */
  device: { backend: string; adapter: string } | null;
  /** The last point measured (words written at render, in the page's language). */
  progress: { done: number; total: number; operator: CostOperator; side: number } | null;
  result: CostResult | null;
  error: string | null;
}

export function CostPanel() {
  const t = useT('compare');
  const [sidesText, setSidesText] = useState(initialSides);
  const [run, setRun] = useState<Run | null>(null);
  const worker = useRef<Worker | null>(null);
  useEffect(() => () => worker.current?.terminate(), []);
  const sides = parseSides(sidesText);
  const running = run?.state === 'running' || run?.state === 'cancelling';
  const start = () => {
    if (!sides) return;
    worker.current?.terminate();
    const w = new Worker(new URL('./costVsSizeWorker.ts', import.meta.url), { type: 'module', name: 'heat-lab-cost-vs-size' });
    worker.current = w;
    setRun({ state: 'running', device: null, progress: null, result: null, error: null });
    w.onmessage = (e: MessageEvent<CostWorkerMessage>) => {
      const m = e.data;
      if (m.kind === 'started') setRun((r) => r && { ...r, device: { backend: m.backend, adapter: m.adapter } });
      else if (m.kind === 'progress') setRun((r) => r && { ...r, progress: { done: m.done, total: m.total, operator: m.operator, side: m.side } });
      else {
        setRun((r) => r && { ...r, state: 'done', progress: null, result: m.result, error: m.error });
        w.terminate();
        if (worker.current === w) worker.current = null;
      }
    };
    w.onerror = (e) => setRun((r) => r && { ...r, state: 'done', progress: null, error: e.message || t('cost.workerFailed') });
    w.postMessage({ kind: 'start', sides, runs: 5 } satisfies CostWorkerRequest);
  };
  const cancel = () => {
    worker.current?.postMessage({ kind: 'cancel' } satisfies CostWorkerRequest);
    setRun((r) => r && { ...r, state: 'cancelling' });
  };
  const result = run?.result ?? null;
  const series = result ? costSeries(result.curves) : [];
  const device = run?.device ? (run.device.adapter ? t('cost.device', run.device) : run.device.backend) : '';
  const svg = series.length > 0 ? scalingPlotSvg({ title: t('cost.plotTitle'), subtitle: device, series, width: 640 }) : null;
  const p = run?.progress;
  const measured = p ? t('cost.progress', { operator: t(`cost.step.${p.operator}`), side: p.side, done: p.done, total: p.total }) : '';
  const busy = !running ? null
    : run?.state === 'cancelling' ? { label: t('cost.cancelling'), fraction: p ? p.done / p.total : 0 }
    : p ? { label: measured, fraction: p.done / p.total } : { label: t('cost.starting'), fraction: null };
  return (
    <section className="panel compare cost" aria-labelledby="cost-title" data-testid="cost-panel">
      <h2 id="cost-title">{t('cost.title')}</h2>
      <details>
        <summary data-testid="cost-open">{t('cost.open')}</summary>
        <p className="hint">{t('cost.hint')}</p>
      <div className="row">
        <label>
          {t('cost.sides')}{' '}
          <input type="text" value={sidesText} onChange={(e) => setSidesText(e.target.value)} disabled={running} aria-invalid={sides ? undefined : true} data-testid="cost-sides" size={22} />
        </label>
        <button type="button" onClick={start} disabled={running || !sides} data-testid="cost-run">{result ? t('cost.measureAgain') : t('cost.measure')}</button>
        <button type="button" onClick={cancel} disabled={run?.state !== 'running'} data-testid="cost-cancel">{t('cost.cancel')}</button>
      </div>
      {!sides && <p className="meta">{t('cost.badSides')}</p>}
      <ProgressBar busy={busy} testId="cost-progress" />
      <ErrorMessage message={run?.error ?? null} testId="cost-error" />
      {run?.state === 'done' && result?.cancelled && <p className="meta" data-testid="cost-cancelled">{t('cost.cancelled')}</p>}
      {svg && <div className="cost-plot" data-testid="cost-plot" data-curves={series.length} dangerouslySetInnerHTML={{ __html: svg }} />}
      {result && (
        <table className="ratios cost-table" data-testid="cost-table">
          <caption>{device ? t('cost.captionDevice', { backend: result.backend, device }) : t('cost.caption', { backend: result.backend })}</caption>
          <thead><tr><th scope="col">{t('cost.head.operator')}</th><th scope="col">{t('cost.head.theory')}</th><th scope="col">{t('cost.head.measured')}</th><th scope="col">{t('cost.head.says')}</th></tr></thead>
          <tbody>
            {result.curves.map((c) => (
              <tr key={c.operator} data-testid={`cost-row-${c.operator}`} data-exponent={Number.isFinite(c.exponent) ? c.exponent : undefined}>
                <th scope="row">{operatorName(c.operator)}</th>
                <td>{theoryText(c.operator)}</td>
                <td>{Number.isFinite(c.exponent) ? `N^${exponentText(c.exponent)}` : '–'}</td>
                <td>{stopVerdict(c) ? t('cost.verdictAndStop', { verdict: exponentVerdict(c), stop: stopVerdict(c) }) : exponentVerdict(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      </details>
    </section>
  );
}
