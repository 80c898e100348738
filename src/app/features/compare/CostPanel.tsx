// "Cost against size on this device": the token mixers' time per call against map size, measured in a worker of
// its own (costVsSizeWorker.ts) with progress and Cancel, on log-log axes with each curve's fitted exponent, the
// theory beside it, and where and why a curve stopped.
import { useEffect, useRef, useState } from 'react';
import type { CostResult } from '../../../engine/analysis/costVsSize';
import { scalingPlotSvg } from '../../../plots/scalingPlot';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ProgressBar } from '../../ui/ProgressBar';
import { costSeries, DEFAULT_COST_SIDES, exponentVerdict, OPERATOR_NAMES, parseSides, stopVerdict } from './costReport';
import type { CostWorkerMessage, CostWorkerRequest } from './costVsSizeProtocol';

/** ?costSides=14,28 opens the panel with those sides (tests use a small range). */
function initialSides(): string {
  const fromUrl = typeof window !== 'undefined' ? new URLSearchParams(window.location.search).get('costSides') : null;
  return fromUrl ?? DEFAULT_COST_SIDES.join(', ');
}

interface Run {
  state: 'running' | 'cancelling' | 'done';
  device: string;
  progress: { fraction: number; label: string } | null;
  result: CostResult | null;
  error: string | null;
}

export function CostPanel() {
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
    setRun({ state: 'running', device: '', progress: null, result: null, error: null });
    w.onmessage = (e: MessageEvent<CostWorkerMessage>) => {
      const m = e.data;
      if (m.kind === 'started') setRun((r) => r && { ...r, device: `${m.backend}${m.adapter ? ` on ${m.adapter}` : ''}` });
      else if (m.kind === 'progress') setRun((r) => r && { ...r, progress: { fraction: m.done / m.total, label: `measured ${m.label} (${m.done} of ${m.total})` } });
      else {
        setRun((r) => r && { ...r, state: 'done', progress: null, result: m.result, error: m.error });
        w.terminate();
        if (worker.current === w) worker.current = null;
      }
    };
    w.onerror = (e) => setRun((r) => r && { ...r, state: 'done', progress: null, error: e.message || 'the measuring worker failed' });
    w.postMessage({ kind: 'start', sides, runs: 5 } satisfies CostWorkerRequest);
  };
  const cancel = () => {
    worker.current?.postMessage({ kind: 'cancel' } satisfies CostWorkerRequest);
    setRun((r) => r && { ...r, state: 'cancelling', progress: { fraction: r.progress?.fraction ?? 0, label: 'cancelling after the current call…' } });
  };
  const result = run?.result ?? null;
  const series = result ? costSeries(result.curves) : [];
  const svg = series.length > 0 ? scalingPlotSvg({ title: 'Time per call against tokens N = side², C = 96, batch 1', subtitle: run?.device, series, width: 640 }) : null;
  return (
    <section className="panel compare cost" aria-labelledby="cost-title" data-testid="cost-panel">
      <h2 id="cost-title">Cost against size</h2>
      <details>
        <summary data-testid="cost-open">Measure here</summary>
        <p className="hint">
          In tokens N = side²: the heat operator’s separable cosine transforms cost O(N^1.5), a fast DCT O(N log N), global
          attention O(N^2); window attention and a depthwise convolution O(N). The plot measures them on this device, on
          log-log axes, where a power law is a straight line whose slope is its exponent.
        </p>
      <div className="row">
        <label>
          Map sides{' '}
          <input type="text" value={sidesText} onChange={(e) => setSidesText(e.target.value)} disabled={running} aria-invalid={sides ? undefined : true} data-testid="cost-sides" size={22} />
        </label>
        <button type="button" onClick={start} disabled={running || !sides} data-testid="cost-run">{result ? 'Measure again' : 'Measure'}</button>
        <button type="button" onClick={cancel} disabled={run?.state !== 'running'} data-testid="cost-cancel">Cancel</button>
      </div>
      {!sides && <p className="meta">Sides: 2 to 256, separated by commas.</p>}
      <ProgressBar busy={running && run?.progress ? { label: run.progress.label, fraction: run.progress.fraction } : running ? { label: 'starting the measuring worker…', fraction: null } : null} testId="cost-progress" />
      <ErrorMessage message={run?.error ?? null} testId="cost-error" />
      {run?.state === 'done' && result?.cancelled && <p className="meta" data-testid="cost-cancelled">Cancelled: the curves show the sizes measured before.</p>}
      {svg && <div className="cost-plot" data-testid="cost-plot" data-curves={series.length} dangerouslySetInnerHTML={{ __html: svg }} />}
      {result && (
        <table className="ratios cost-table" data-testid="cost-table">
          <caption>Fitted exponents on {result.backend}{run?.device ? ` (${run.device})` : ''}; a software adapter such as SwiftShader is a CPU, not a GPU.</caption>
          <thead><tr><th scope="col">operator</th><th scope="col">theory</th><th scope="col">measured</th><th scope="col">what it says</th></tr></thead>
          <tbody>
            {result.curves.map((c) => (
              <tr key={c.operator} data-testid={`cost-row-${c.operator}`} data-exponent={Number.isFinite(c.exponent) ? c.exponent : undefined}>
                <th scope="row">{OPERATOR_NAMES[c.operator]}</th>
                <td>{c.theory.law}</td>
                <td>{Number.isFinite(c.exponent) ? `N^${c.exponent.toFixed(2)}` : '–'}</td>
                <td>{exponentVerdict(c)}{stopVerdict(c) ? `; ${stopVerdict(c)}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      </details>
    </section>
  );
}
