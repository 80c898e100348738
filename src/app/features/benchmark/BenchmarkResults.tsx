// The device benchmark's results: the log-log plot (src/plots, the same code as `npm run bench:plots`), the
// table of every measurement, and the downloads (JSON in the bench/results/ format, PNG of the plot).
import { useEffect, useMemo, useRef, useState } from 'react';
import { adapterLabel, scalingSeries, type BenchRow } from '../../../plots/resultPlots';
import { scalingPlotSvg, seriesExponent } from '../../../plots/scalingPlot';
import { formatMs } from '../../../plots/svg';
import { benchmarkFileStem, downloadBlob, downloadResultJson, svgToPng, type FinishedBenchmark } from './exportResults';
import { formatPercent, tFor, useT } from '../../i18n/i18n';
import { runtimeName } from './runtimeName';
import { useApp } from '../../store';

/** Width of an element, kept up to date (the plot is drawn for the width it has, so its text stays readable). */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

function plotSvg(result: FinishedBenchmark, width: number): string | null {
  if (result.rows.length === 0 || width < 200) return null;
  const t = tFor('benchmark');
  const date = t('plot.date', { date: result.startedAt.toISOString().slice(0, 16).replace('T', ' ') });
  return scalingPlotSvg({
    title: t('plot.title'),
    subtitle: [adapterLabel(result.adapter), date].join(' · '),
    series: scalingSeries(result.rows),
    width: Math.min(width, 900),
  });
}

function ResultsTable({ rows }: { rows: BenchRow[] }) {
  const series = scalingSeries(rows);
  const exponents = series.map((s) => ({ label: s.label, k: seriesExponent(s) })).filter((e) => Number.isFinite(e.k));
  const t = useT('benchmark');
  return (
    <>
      <p className="hint">
        {t('table.hint')}
        {exponents.length > 0 && t('table.exponents', { list: exponents.map((e) => t('table.exponent', { label: e.label, k: e.k.toFixed(2) })).join(t('listSeparator')) })}
      </p>
      <div className="bench-table-wrap">
        <table className="bench-table" data-testid="benchmark-table">
          <caption className="sr-only">{t('table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table.backend')}</th>
              <th scope="col">{t('table.input')}</th>
              <th scope="col">{t('table.median')}</th>
              <th scope="col">{t('table.range')}</th>
              <th scope="col">{t('table.spread')}</th>
              <th scope="col">{t('table.gpuMemory')}</th>
              <th scope="col">{t('table.runs')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} data-runtime={String(r.params.runtime)}>
                <th scope="row">{runtimeName(String(r.params.runtime))}</th>
                <td>{`${r.params.side}×${r.params.side}`}</td>
                <td>{formatMs(r.medianMs)}</td>
                <td>{t('table.rangeValue', { min: formatMs(r.minMs), max: formatMs(r.maxMs) })}</td>
                <td>{formatPercent(r.spread, 0)}</td>
                <td>{r.params.gpuInUseMiB ?? '-'}</td>
                <td>{r.runs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function BenchmarkResults({ result, finished }: { result: FinishedBenchmark; finished: boolean }) {
  const [ref, width] = useWidth();
  const language = useApp((s) => s.language);
  // The plot's title is in the page's language: drawn again on a switch.
  const svg = useMemo(() => plotSvg(result, width), [result, width, language]); // eslint-disable-line react-hooks/exhaustive-deps -- language: read by plotSvg's translator
  const [pngProblem, setPngProblem] = useState<string | null>(null);
  const t = useT('benchmark');
  const downloadPng = async (): Promise<void> => {
    if (!svg) return;
    try {
      setPngProblem(null);
      downloadBlob(await svgToPng(svg), `${benchmarkFileStem(result)}.png`);
    } catch (e) {
      setPngProblem(t('pngFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <div className="bench-results">
      <div ref={ref} className="bench-plot" data-testid="benchmark-plot">
        {svg && <div dangerouslySetInnerHTML={{ __html: svg }} />}
      </div>
      {result.rows.length > 0 && <ResultsTable rows={result.rows} />}
      {finished && result.rows.length > 0 && (
        <div className="row">
          <button type="button" onClick={() => downloadResultJson(result)} data-testid="benchmark-download-json">{t('downloadJson')}</button>
          <button type="button" onClick={() => void downloadPng()} disabled={!svg} data-testid="benchmark-download-png">{t('downloadPng')}</button>
          <span className="hint">{t('share')}</span>
        </div>
      )}
      {pngProblem && <p className="error">{pngProblem}</p>}
    </div>
  );
}
