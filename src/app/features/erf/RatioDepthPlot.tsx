// Area ratio against depth: one line per threshold, x = the depths in network order (stem, S1.1, ...),
// y = area ratio in % of the image. Points appear as their frames arrive.
import type { NetworkDepth } from '../../../engine/analysis/networkDepths';
import { formatPercent, useT } from '../../i18n/i18n';
import { depthName, sharePercent } from './erfText';
import type { ErfResult } from '../../worker/protocol';

const W = 420;
const H = 230;
const M = { left: 44, right: 10, top: 26, bottom: 58 };
const COLOURS = ['#1f77b4', '#2ca02c', '#d62728', '#888'];

export function RatioDepthPlot({ depths, frames, current }: { depths: NetworkDepth[]; frames: ErfResult[]; current: number }) {
  const tr = useT('erf');
  const thresholds = frames[0]?.ratios.map((r) => r.threshold) ?? [];
  const n = Math.max(depths.length, 1);
  const x = (i: number) => M.left + (n === 1 ? 0.5 : i / (n - 1)) * (W - M.left - M.right);
  const y = (ratio: number) => M.top + (1 - ratio) * (H - M.top - M.bottom);
  return (
    <svg className="ratio-plot" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={tr('plot.label')} data-testid="erf-ratio-plot">
      {[0, 0.25, 0.5, 0.75, 1].map((v) => (
        <g key={v} className="y-tick">
          <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
          <text x={M.left - 4} y={y(v) + 4} textAnchor="end">{formatPercent(v, 0)}</text>
        </g>
      ))}
      {depths.map((d, i) => (
        <g key={i} className={i === current ? 'x-tick current' : 'x-tick'}>
          <line x1={x(i)} x2={x(i)} y1={M.top} y2={H - M.bottom} />
          <text x={x(i)} y={H - M.bottom + 12} transform={`rotate(-45 ${x(i)} ${H - M.bottom + 12})`} textAnchor="end">{depthName(d)}</text>
        </g>
      ))}
      <text className="axis-title" x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle">{tr('plot.xAxis')}</text>
      <text className="axis-title" transform={`translate(11 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">{tr('plot.yAxis')}</text>
      {thresholds.map((t, k) => {
        const pts = frames.map((f, i) => ({ i, v: f.ratios.find((r) => r.threshold === t)?.areaRatio ?? 0 }));
        const colour = COLOURS[k % COLOURS.length];
        return (
          <g key={t} data-testid="erf-ratio-line" data-threshold={t}>
            <polyline points={pts.map((p) => `${x(p.i)},${y(p.v)}`).join(' ')} fill="none" stroke={colour} strokeWidth={2} />
            {pts.map((p) => (
              <circle key={p.i} cx={x(p.i)} cy={y(p.v)} r={3} fill={colour} data-testid="erf-ratio-point" data-threshold={t} data-depth={p.i}>
                <title>{tr('plot.point', { depth: depthName(depths[p.i]), held: sharePercent(t), share: sharePercent(p.v, 1) })}</title>
              </circle>
            ))}
            <text x={M.left + k * 90} y={14} fill={colour} className="legend">{tr('plot.legend', { held: sharePercent(t) })}</text>
          </g>
        );
      })}
    </svg>
  );
}
