// The device benchmark's results: the log-log plot (src/plots, the same code as `npm run bench:plots`), the
// table of every measurement, and the downloads (JSON in the bench/results/ format, PNG of the plot).
import { useEffect, useMemo, useRef, useState } from 'react';
import { adapterLabel, runtimeLabel, scalingSeries, type BenchRow } from '../../../plots/resultPlots';
import { scalingPlotSvg, seriesExponent } from '../../../plots/scalingPlot';
import { formatMs } from '../../../plots/svg';
import { benchmarkFileStem, downloadBlob, downloadResultJson, svgToPng, type FinishedBenchmark } from './exportResults';

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
  const date = `${result.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return scalingPlotSvg({
    title: 'vHeat-T on this device, batch 1',
    subtitle: `${adapterLabel(result.adapter)} · ${date}`,
    series: scalingSeries(result.rows),
    width: Math.min(width, 900),
  });
}

function ResultsTable({ rows }: { rows: BenchRow[] }) {
  const series = scalingSeries(rows);
  const exponents = series.map((s) => ({ label: s.label, k: seriesExponent(s) })).filter((e) => Number.isFinite(e.k));
  return (
    <>
      <p className="hint">
        Median of the timed runs after warm-up; min to max over them; spread = (max - min) / median.
        {exponents.length > 0 && ` Fitted exponent of time against pixels: ${exponents.map((e) => `${e.label} ${e.k.toFixed(2)}`).join(', ')}.`}
      </p>
      <div className="bench-table-wrap">
        <table className="bench-table" data-testid="benchmark-table">
          <caption className="sr-only">Every measurement of this device</caption>
          <thead>
            <tr>
              <th scope="col">Backend</th>
              <th scope="col">Input</th>
              <th scope="col">Median ms</th>
              <th scope="col">Min to max ms</th>
              <th scope="col">Spread</th>
              <th scope="col">GPU memory in use MiB</th>
              <th scope="col">Runs</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} data-runtime={String(r.params.runtime)}>
                <th scope="row">{runtimeLabel(String(r.params.runtime))}</th>
                <td>{`${r.params.side}×${r.params.side}`}</td>
                <td>{formatMs(r.medianMs)}</td>
                <td>{`${formatMs(r.minMs)} to ${formatMs(r.maxMs)}`}</td>
                <td>{`${Math.round(r.spread * 100)}%`}</td>
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
  const svg = useMemo(() => plotSvg(result, width), [result, width]);
  const [pngProblem, setPngProblem] = useState<string | null>(null);
  const downloadPng = async (): Promise<void> => {
    if (!svg) return;
    try {
      setPngProblem(null);
      downloadBlob(await svgToPng(svg), `${benchmarkFileStem(result)}.png`);
    } catch (e) {
      setPngProblem(`The PNG could not be made: ${e instanceof Error ? e.message : String(e)}`);
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
          <button type="button" onClick={() => downloadResultJson(result)} data-testid="benchmark-download-json">Download results (JSON)</button>
          <button type="button" onClick={() => void downloadPng()} disabled={!svg} data-testid="benchmark-download-png">Download plot (PNG)</button>
          <span className="hint">Attach both to an issue to share this device&apos;s figures.</span>
        </div>
      )}
      {pngProblem && <p className="error">{pngProblem}</p>}
    </div>
  );
}
