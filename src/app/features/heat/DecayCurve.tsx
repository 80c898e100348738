// One frequency's decay over t: exp(-s k w^2 t) on a log t axis (t = 0 drawn at the left edge), the current t marked.
import { nearestTimeIndex } from './heatTimes';

interface Props {
  times: number[];
  decay: number[];
  t: number;
  label: string;
}

const W = 200;
const H = 90;
const PAD = { left: 26, right: 6, top: 6, bottom: 18 };

export function DecayCurve({ times, decay, t, label }: Props) {
  const positive = times.filter((x) => x > 0);
  const lo = Math.log10(Math.min(...positive));
  const hi = Math.log10(Math.max(...positive));
  const x = (v: number) => PAD.left + ((v > 0 ? Math.log10(v) - lo : 0) / (hi - lo || 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v) * (H - PAD.top - PAD.bottom);
  const points = times.map((tt, i) => `${x(tt).toFixed(1)},${y(decay[i]).toFixed(1)}`).join(' ');
  const at = nearestTimeIndex(times, t);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="decay-curve" role="img" aria-label={label} data-testid="decay-curve">
      <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#999" />
      <line x1={PAD.left} x2={PAD.left} y1={y(0)} y2={y(1)} stroke="#999" />
      <text x={PAD.left - 3} y={y(1) + 4} textAnchor="end" fontSize="9">1</text>
      <text x={PAD.left - 3} y={y(0)} textAnchor="end" fontSize="9">0</text>
      {[0.01, 1, 100].filter((v) => Math.log10(v) >= lo && Math.log10(v) <= hi).map((v) => (
        <text key={v} x={x(v)} y={H - 4} textAnchor={v === 100 ? 'end' : v === 0.01 ? 'start' : 'middle'} fontSize="9">{`t=${v}`}</text>
      ))}
      <polyline points={points} fill="none" stroke="#c2410c" strokeWidth="1.5" />
      <line x1={x(times[at])} x2={x(times[at])} y1={y(0)} y2={y(1)} stroke="#1d4ed8" strokeDasharray="2 2" />
      <circle cx={x(times[at])} cy={y(decay[at])} r="3" fill="#1d4ed8" data-testid="decay-now" />
    </svg>
  );
}
