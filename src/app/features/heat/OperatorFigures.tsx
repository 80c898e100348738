// vHeat's operator as pictures on the block's real input, at the heat view's t: u0, its DCT coefficients, the decay
// mask exp(-s k w^2 t), their product and u(t) = IDCT of the product. Hovering or focusing a coefficient shows its
// cosine pattern and its decay over t (FrequencyPanel).
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { setOperatorFrequency } from '../../actions';
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import type { ColourScale } from '../../ui/ColourBar';
import { MapCanvas } from '../../ui/render/MapCanvas';
import type { MapStack, OperatorStepsResult } from '../../worker/protocol';
import { DecayCurve } from './DecayCurve';
import { frequencyDecayQuery, operatorStepsQuery } from './heatQueries';
import { nearestTimeIndex } from './heatTimes';
import { HowToRead } from './HowToRead';
import { openShare, pictureMap, symmetric, unionRange } from './operatorMaps';

interface Step {
  id: string;
  title: string;
  lead: string;
  details: string;
  map: MapStack;
  scale: ColourScale;
}

function steps(r: OperatorStepsResult, what: string): Step[] {
  const { height: h, width: w, signed } = r;
  const field = unionRange(r.input.range, r.output.range);
  const fieldRange = signed ? symmetric(field) : field;
  const fieldScale: ColourScale = { colormap: signed ? 'diverging' : 'inferno', lo: fieldRange[0], hi: fieldRange[1], label: signed ? `u, channel ${r.channels[0]}` : 'heat (a.u.)' };
  const logRange = unionRange(r.coefficients.range, r.product.range);
  const logScale: ColourScale = { colormap: 'inferno', lo: logRange[0], hi: logRange[1], label: 'log10 |coefficient|' };
  return [
    { id: 'op-input', title: 'u0', lead: '1. Input u0', details: `The block’s input: the feature map entering the heat operator (${what}), on the same scale as u(t).`, map: pictureMap(r.input, h, w, fieldRange, signed), scale: fieldScale },
    { id: 'op-coefficients', title: 'DCT', lead: '2. Its DCT (hover)', details: 'Its cosine coefficients, the discrete cosine transform: cell (n, m) is how much of the cosine pattern with n vertical and m horizontal half-waves u0 holds. Top-left (marked) is DC, the mean, which never decays. Log scale.', map: pictureMap(r.coefficients, h, w, logRange), scale: logScale },
    { id: 'op-mask', title: 'mask', lead: '3. Decay mask', details: 'The decay mask at this t: exp(−s·k·(w_n² + w_m²)·t) with the learned k: 1 keeps the pattern, 0 removes it. High frequencies (bottom right) close first as t grows.', map: pictureMap(r.mask, h, w, [0, 1]), scale: { colormap: 'inferno', lo: 0, hi: 1, label: 'kept share' } },
    { id: 'op-product', title: 'product', lead: '4. DCT × mask', details: 'Coefficients × mask: what is left of each cosine pattern at this t, on the coefficients’ scale: the fine patterns fade first.', map: pictureMap(r.product, h, w, logRange), scale: logScale },
    { id: 'op-output', title: 'u(t)', lead: '5. Output u(t)', details: 'Back to a map: the inverse DCT of the product, the heat at time t, on u0’s scale. t = 1 is exactly what the block computes.', map: pictureMap(r.output, h, w, fieldRange, signed), scale: fieldScale },
  ];
}

/** The coefficient grid under the mouse or keyboard: sets the shared operator frequency. */
function CoefficientPicker({ side, children }: { side: number; children: ReactNode }) {
  const f = useApp((s) => s.operatorFrequency);
  const cell = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const clamp = (v: number) => Math.min(side - 1, Math.max(0, Math.floor(v * side)));
    return { n: clamp((e.clientY - r.top) / r.height), m: clamp((e.clientX - r.left) / r.width) };
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const from = f ?? { n: 0, m: 1 };
    const d: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const step = d[e.key];
    if (!step) return;
    e.preventDefault();
    setOperatorFrequency({ n: Math.min(side - 1, Math.max(0, from.n + step[0])), m: Math.min(side - 1, Math.max(0, from.m + step[1])) });
  };
  const box = (n: number, m: number) => ({ top: `${(n / side) * 100}%`, left: `${(m / side) * 100}%`, width: `${100 / side}%`, height: `${100 / side}%` });
  return (
    <div
      className="coefficient-picker" tabIndex={0} role="group" data-testid="coefficient-picker"
      aria-label={`DCT coefficients; arrow keys choose a frequency${f ? `, now row ${f.n} column ${f.m}` : ''}`}
      onMouseMove={(e) => { const c = cell(e); if (c.n !== f?.n || c.m !== f?.m) setOperatorFrequency(c); }}
      onFocus={() => { if (!f) setOperatorFrequency({ n: 0, m: 1 }); }}
      onKeyDown={onKey}
    >
      {children}
      <span className="dc-mark" style={box(0, 0)} title="DC: the mean, never decays">DC</span>
      {f && f.n < side && f.m < side && <span className="cell-mark" style={box(f.n, f.m)} />}
    </div>
  );
}

function FrequencyPanel() {
  const q = useQuery(frequencyDecayQuery);
  const t = useApp((s) => s.heatTime);
  const smooth = useApp((s) => s.smooth);
  const d = q.data;
  if (!d) return <p className="meta frequency-hint">Hover for its pattern and decay.</p>;
  const pattern = pictureMap({ data: d.pattern, range: [0, 0] }, d.height, d.width, symmetric([Math.min(...d.pattern), Math.max(...d.pattern)]), true);
  const i = nearestTimeIndex(d.times, t);
  return (
    <div className="frequency-panel" data-testid="frequency-panel" aria-live="polite">
      <MapCanvas map={pattern} label={`Cosine pattern of frequency (${d.n}, ${d.m})`} className={`${smooth ? '' : 'pixelated '}pattern`} testId="frequency-pattern" />
      <DecayCurve times={d.times} decay={d.decay} t={t} label={`How coefficient (${d.n}, ${d.m}) fades over t`} />
      <p className="meta">Pattern ({d.n}, {d.m}): {(d.decay[i] * 100).toPrecision(3)} % kept at t = {d.times[i]}.</p>
    </div>
  );
}

export function OperatorFigures() {
  const q = useQuery(operatorStepsQuery);
  const model = useApp((s) => s.model)!;
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const t = useApp((s) => s.heatTime);
  const smooth = useApp((s) => s.smooth);
  const r = q.data;
  const what = !r ? '' : r.signed ? `channel ${r.channels[0]}` : `energy of the ${r.channels.length} conducting channels`;
  return (
    <section className="operator" aria-labelledby="operator-title" data-testid="operator">
      <h3 id="operator-title">Inside the operator at t = {r?.t ?? t}</h3>
      {q.error && !r && <p className="error" role="alert">{q.error}</p>}
      <div className="operator-row">
        {(r ? steps(r, what) : []).map((s) => {
          const canvas = <MapCanvas map={s.map} label={`${s.title} at t = ${r!.t}`} className={`${smooth ? '' : 'pixelated '}square`} testId={`${s.id}-map`} />;
          return (
            <ExplainedFigure
              key={s.id} title={`${s.title}, stage ${stage + 1} block ${block + 1}, t = ${r!.t}`} lead={s.lead} text="" scale={s.scale}
              busy={q.busy ? 'recomputing…' : null} exportParts={[model.id, `stage${stage + 1}`, `block${block + 1}`, s.title, `t=${r!.t}`]} testId={s.id}
            >
              {s.id === 'op-coefficients' ? <CoefficientPicker side={r!.height}>{canvas}</CoefficientPicker> : canvas}
            </ExplainedFigure>
          );
        })}
        {!r && !q.error && <p className="meta">Computing the operator’s pictures…</p>}
      </div>
      {r && <FrequencyPanel />}
      {r && (
        <HowToRead>
          {steps(r, what).map((s) => <span key={s.id}>{s.lead} {s.details} </span>)}
          {` Now ${(openShare(r.mask) * 100).toFixed(0)} % of the mask's cells keep more than half their coefficient.`}
        </HowToRead>
      )}
    </section>
  );
}
