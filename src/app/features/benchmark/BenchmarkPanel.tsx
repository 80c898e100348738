// "Benchmark this device": vHeat-T with seeded random weights (made in the page, nothing downloaded) at the
// chosen input sizes on every backend the page has, in a worker of its own; progress with cancel, then a plot,
// a table and the downloads. It runs only when asked.
import { useMemo, useReducer, useRef, useState } from 'react';
import type { AdapterDescription, BenchRow } from '../../../plots/resultPlots';
import { adapterLabel } from '../../../plots/resultPlots';
import { runtimeName } from './runtimeName';
import { initialSettingsText, parseSettings, type SettingsText } from './benchmarkSettings';
import { DeviceBenchmark, type DeviceBenchmarkEnd } from './deviceBenchmarkClient';
import type { BenchmarkRuntime, DeviceBenchmarkSettings } from './deviceBenchmarkProtocol';
import { BenchmarkResults } from './BenchmarkResults';
import { tFor, useT } from '../../i18n/i18n';

/** Timing does not depend on the weights' values; one seed keeps runs on different devices comparable. */
const BENCHMARK_SEED = 1;

type Phase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

interface PanelState {
  phase: Phase;
  settings: DeviceBenchmarkSettings | null;
  startedAt: Date;
  adapter: AdapterDescription | null;
  runtimes: BenchmarkRuntime[];
  unavailable: { runtime: BenchmarkRuntime; reason: string }[];
  rows: BenchRow[];
  progress: { done: number; total: number; label: string };
  end: DeviceBenchmarkEnd | null;
  endedAt: Date | null;
}

type Action =
  | { kind: 'start'; settings: DeviceBenchmarkSettings }
  | { kind: 'started'; adapter: AdapterDescription | null; runtimes: BenchmarkRuntime[]; unavailable: PanelState['unavailable'] }
  | { kind: 'progress'; done: number; total: number; label: string }
  | { kind: 'row'; row: BenchRow }
  | { kind: 'end'; end: DeviceBenchmarkEnd };

const INITIAL: PanelState = {
  phase: 'idle', settings: null, startedAt: new Date(0), adapter: null, runtimes: [], unavailable: [], rows: [],
  progress: { done: 0, total: 0, label: '' }, end: null, endedAt: null,
};

function reduce(state: PanelState, a: Action): PanelState {
  switch (a.kind) {
    case 'start':
      return { ...INITIAL, phase: 'running', settings: a.settings, startedAt: new Date(), progress: { done: 0, total: 0, label: tFor('benchmark')('starting') } };
    case 'started':
      return { ...state, adapter: a.adapter, runtimes: a.runtimes, unavailable: a.unavailable };
    case 'progress':
      return state.phase === 'running' ? { ...state, progress: { done: a.done, total: a.total, label: a.label } } : state;
    case 'row':
      return { ...state, rows: [...state.rows, a.row] };
    case 'end':
      return { ...state, end: a.end, endedAt: new Date(), phase: a.end.cancelled ? 'cancelled' : a.end.error ? 'failed' : 'done' };
  }
}

function statusText(s: PanelState): string {
  const { done, total, label } = s.progress;
  const t = tFor('benchmark');
  switch (s.phase) {
    case 'idle':
      return t('status.idle');
    case 'running':
      return total > 0 ? t('status.running', { done, total, label }) : t('status.preparing', { label });
    case 'cancelled':
      return t('status.cancelled', { count: s.rows.length });
    case 'failed':
      return t('status.failed', { error: s.end?.error ?? '' });
    case 'done':
      return t('status.done', { rows: s.rows.length, seconds: Math.round(((s.endedAt ?? s.startedAt).getTime() - s.startedAt.getTime()) / 1000) });
  }
}

function SettingsForm({ text, onChange, disabled }: { text: SettingsText; onChange: (t: SettingsText) => void; disabled: boolean }) {
  const t = useT('benchmark');
  return (
    <div className="row bench-settings">
      <label>
        {t('settings.sizes')}
        <input type="text" value={text.sizes} disabled={disabled} data-testid="benchmark-sizes" onChange={(e) => onChange({ ...text, sizes: e.target.value })} />
      </label>
      <label>
        {t('settings.warmup')}
        <input type="number" min={0} max={10} value={text.warmup} disabled={disabled} data-testid="benchmark-warmup" onChange={(e) => onChange({ ...text, warmup: e.target.value })} />
      </label>
      <label>
        {t('settings.runs')}
        <input type="number" min={1} max={100} value={text.runs} disabled={disabled} data-testid="benchmark-runs" onChange={(e) => onChange({ ...text, runs: e.target.value })} />
      </label>
    </div>
  );
}

export function BenchmarkPanel() {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const [text, setText] = useState(() => initialSettingsText(location.search));
  // Read once: the app rewrites the URL with its own state (urlState.ts) after the first render.
  const [openAtStart] = useState(() => new URLSearchParams(location.search).has('bench-sizes'));
  const [problem, setProblem] = useState<string | null>(null);
  const benchmark = useRef<DeviceBenchmark | null>(null);
  const busy = state.phase === 'running';
  const t = useT('benchmark');

  const start = (): void => {
    const parsed = parseSettings(text, BENCHMARK_SEED);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    dispatch({ kind: 'start', settings: parsed.settings });
    const run = new DeviceBenchmark(parsed.settings, {
      onStarted: (adapter, runtimes, unavailable) => dispatch({ kind: 'started', adapter, runtimes, unavailable }),
      onProgress: (done, total, label) => dispatch({ kind: 'progress', done, total, label }),
      onRow: (row) => dispatch({ kind: 'row', row }),
    });
    benchmark.current = run;
    void run.done.then((end) => {
      if (benchmark.current !== run) return; // cancelled: already shown
      benchmark.current = null;
      dispatch({ kind: 'end', end });
    });
  };
  const cancel = (): void => {
    const run = benchmark.current;
    if (!run) return;
    benchmark.current = null;
    run.cancel();
    // At once, in the click's own render: the worker is already gone.
    dispatch({ kind: 'end', end: { error: 'cancelled', cancelled: true, tensorCounts: [] } });
  };
  const pct = state.progress.total > 0 ? Math.round((100 * state.progress.done) / state.progress.total) : undefined;
  const result = useMemo(
    () => ({ settings: state.settings!, startedAt: state.startedAt, adapter: state.adapter, rows: state.rows, error: state.end?.error ?? null, tensorCounts: state.end?.tensorCounts ?? [] }),
    [state.settings, state.startedAt, state.adapter, state.rows, state.end],
  );
  return (
    <details className="panel bench-panel" data-testid="benchmark-panel" data-state={state.phase} open={openAtStart || undefined}>
      <summary>
        <h2>{t('title')}</h2>
      </summary>
      <p className="hint">{t('hint')}</p>
      <SettingsForm text={text} onChange={setText} disabled={busy} />
      <div className="row">
        <button type="button" onClick={start} disabled={busy} data-testid="benchmark-start">{t('run')}</button>
        <button type="button" onClick={cancel} disabled={!busy} data-testid="benchmark-cancel">{t('cancel')}</button>
      </div>
      {problem && <p className="error" role="alert">{problem}</p>}
      <div className="progress" role="status" aria-live="polite" data-testid="benchmark-status">
        {busy && <progress max={100} value={pct} aria-label={t('progress')} />}
        <span>{statusText(state)}</span>
      </div>
      {state.phase !== 'idle' && (
        <p className="meta" data-testid="benchmark-adapter">
          {t('adapter', { adapter: adapterLabel(state.adapter) })}
          {state.unavailable.length > 0 && t('notMeasured', { list: state.unavailable.map((u) => t('unavailable', { runtime: runtimeName(u.runtime), reason: u.reason })).join(t('listSeparator')) })}
        </p>
      )}
      {state.settings && <BenchmarkResults result={result} finished={!busy} />}
    </details>
  );
}
