// The models' ERF maps side by side, each with its name and its own colour bar, and one area table for all.
import { ColourBar } from '../../ui/ColourBar';
import { MapCanvas } from '../../ui/render/MapCanvas';
import { formatTick } from '../../ui/render/scale';
import { useT } from '../../i18n/i18n';
import { useApp } from '../../store';
import { sharePercent } from '../erf/erfText';
import type { ComparisonErf } from '../../worker/protocol';
import { erfColourScale } from '../erf/erfScale';
import { areaRows, shortTitle } from './comparisonEntries';

export function ComparisonColumns({ columns, testPrefix }: { columns: ComparisonErf[]; testPrefix: string }) {
  const t = useT('compare');
  const smooth = useApp((s) => s.smooth);
  return (
    <div className="compare-columns">
      {columns.map((c) => (
        <div key={c.id} className="compare-column" data-testid={`${testPrefix}-column`} data-model={c.id} data-family={c.family} data-centre-row={(c.erf.row + 0.5) / c.erf.map.height} data-centre-col={(c.erf.col + 0.5) / c.erf.map.width}>
          <div className="compare-name" title={c.title}>{shortTitle(c.title)}</div>
          <MapCanvas
            map={c.erf.map}
            className={`${smooth ? '' : 'pixelated '}compare-map`}
            label={t('columns.mapLabel', { model: c.title, stage: c.erf.stage + 1 })}
            testId={`${testPrefix}-map`}
          />
          <ColourBar scale={{ ...erfColourScale(c.erf.maxContribution), label: t('columns.scaleLabel', { max: formatTick(c.erf.maxContribution) }) }} testId={`${testPrefix}-scale`} />
        </div>
      ))}
    </div>
  );
}

const percent = (v: number | null) => (v === null ? '–' : sharePercent(v, 1));

export function ComparisonAreaTable({ columns, testPrefix, caption }: { columns: ComparisonErf[]; testPrefix: string; caption: string }) {
  const t = useT('compare');
  return (
    <table className="ratios compare-ratios" data-testid={`${testPrefix}-ratios`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('columns.squareHolding')}</th>
          {columns.map((c) => <th scope="col" key={c.id}>{shortTitle(c.title)}</th>)}
        </tr>
      </thead>
      <tbody>
        {areaRows(columns).map((row) => (
          <tr key={row.threshold} data-testid={`${testPrefix}-ratio-${Math.round(row.threshold * 100)}`}>
            <th scope="row">{t('erf:ratios.ofTotal', { held: sharePercent(row.threshold) })}</th>
            {row.ratios.map((r, i) => <td key={columns[i].id} data-ratio={r ?? undefined}>{percent(r)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
