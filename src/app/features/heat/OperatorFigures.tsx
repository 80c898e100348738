// vHeat's operator as pictures on the block's real input, at the heat view's t: u0, its DCT coefficients, the decay
// mask exp(-s k w^2 t), their product and u(t) = IDCT of the product. Hovering or focusing a coefficient shows its
// cosine pattern and its decay over t (FrequencyPanel).
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { setOperatorFrequency } from '../../actions';
import { useT } from '../../i18n/i18n';
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import type { ColourScale } from '../../ui/ColourBar';
import { MapCanvas } from '../../ui/render/MapCanvas';
import type { MapStack, OperatorStepsResult } from '../../worker/protocol';
import { DecayCurve } from './DecayCurve';
import { formatFixed, formatSignificant } from './formatDigits';
import { frequencyDecayQuery, operatorStepsQuery } from './heatQueries';
import { nearestTimeIndex } from './heatTimes';
import { HowToRead } from './HowToRead';
import { openShare, pictureMap, symmetric, unionRange } from './operatorMaps';

interface Step {
  id: string;
  /** ASCII, for the exported file's name. */
  file: string;
  title: string;
  lead: string;
  details: string;
  map: MapStack;
  scale: ColourScale;
}

function steps(t: TFunction, r: OperatorStepsResult, what: string): Step[] {
  const { height: h, width: w, signed } = r;
  const field = unionRange(r.input.range, r.output.range);
  const fieldRange = signed ? symmetric(field) : field;
  const fieldScale: ColourScale = { colormap: signed ? 'diverging' : 'inferno', lo: fieldRange[0], hi: fieldRange[1], label: signed ? t('operator.scale.channel', { channel: r.channels[0] }) : t('operator.scale.heat') };
  const logRange = unionRange(r.coefficients.range, r.product.range);
  const logScale: ColourScale = { colormap: 'inferno', lo: logRange[0], hi: logRange[1], label: t('operator.scale.log') };
  return [
    { id: 'op-input', file: 'u0', title: t('operator.input.name'), lead: t('operator.input.lead'), details: t('operator.input.details', { what }), map: pictureMap(r.input, h, w, fieldRange, signed), scale: fieldScale },
    { id: 'op-coefficients', file: 'DCT', title: t('operator.coefficients.name'), lead: t('operator.coefficients.lead'), details: t('operator.coefficients.details'), map: pictureMap(r.coefficients, h, w, logRange), scale: logScale },
    { id: 'op-mask', file: 'mask', title: t('operator.mask.name'), lead: t('operator.mask.lead'), details: t('operator.mask.details'), map: pictureMap(r.mask, h, w, [0, 1]), scale: { colormap: 'inferno', lo: 0, hi: 1, label: t('operator.scale.kept') } },
    { id: 'op-product', file: 'product', title: t('operator.product.name'), lead: t('operator.product.lead'), details: t('operator.product.details'), map: pictureMap(r.product, h, w, logRange), scale: logScale },
    { id: 'op-output', file: 'u(t)', title: t('operator.output.name'), lead: t('operator.output.lead'), details: t('operator.output.details'), map: pictureMap(r.output, h, w, fieldRange, signed), scale: fieldScale },
  ];
}

/** The coefficient grid under the mouse or keyboard: sets the shared operator frequency. */
function CoefficientPicker({ side, children }: { side: number; children: ReactNode }) {
  const t = useT('heat');
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
      aria-label={f ? t('operator.pickerAt', { n: f.n, m: f.m }) : t('operator.picker')}
      onMouseMove={(e) => { const c = cell(e); if (c.n !== f?.n || c.m !== f?.m) setOperatorFrequency(c); }}
      onFocus={() => { if (!f) setOperatorFrequency({ n: 0, m: 1 }); }}
      onKeyDown={onKey}
    >
      {children}
      <span className="dc-mark" style={box(0, 0)} title={t('operator.dcTitle')}>{t('dc')}</span>
      {f && f.n < side && f.m < side && <span className="cell-mark" style={box(f.n, f.m)} />}
    </div>
  );
}

function FrequencyPanel() {
  const t = useT('heat');
  const q = useQuery(frequencyDecayQuery);
  const time = useApp((s) => s.heatTime);
  const smooth = useApp((s) => s.smooth);
  const d = q.data;
  if (!d) return <p className="meta frequency-hint">{t('frequency.hover')}</p>;
  const pattern = pictureMap({ data: d.pattern, range: [0, 0] }, d.height, d.width, symmetric([Math.min(...d.pattern), Math.max(...d.pattern)]), true);
  const i = nearestTimeIndex(d.times, time);
  const nm = { n: d.n, m: d.m };
  return (
    <div className="frequency-panel" data-testid="frequency-panel" aria-live="polite">
      <MapCanvas map={pattern} label={t('frequency.pattern', nm)} className={`${smooth ? '' : 'pixelated '}pattern`} testId="frequency-pattern" />
      <DecayCurve times={d.times} decay={d.decay} t={time} label={t('frequency.curve', nm)} />
      <p className="meta">{t('frequency.kept', { ...nm, percent: formatSignificant(d.decay[i] * 100), time: d.times[i] })}</p>
    </div>
  );
}

export function OperatorFigures() {
  const t = useT('heat');
  const q = useQuery(operatorStepsQuery);
  const model = useApp((s) => s.model)!;
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const time = useApp((s) => s.heatTime);
  const smooth = useApp((s) => s.smooth);
  const r = q.data;
  const what = !r ? '' : r.signed ? t('operator.what.channel', { channel: r.channels[0] }) : t('operator.what.energy', { channels: r.channels.length });
  const shown = r ? steps(t, r, what) : [];
  return (
    <section className="operator" aria-labelledby="operator-title" data-testid="operator">
      <h3 id="operator-title">{t('operator.title', { time: r?.t ?? time })}</h3>
      {q.error && !r && <p className="error" role="alert">{q.error}</p>}
      <div className="operator-row">
        {shown.map((s) => {
          const canvas = <MapCanvas map={s.map} label={t('operator.canvas', { name: s.title, time: r!.t })} className={`${smooth ? '' : 'pixelated '}square`} testId={`${s.id}-map`} />;
          return (
            <ExplainedFigure
              key={s.id} title={t('operator.figureTitle', { name: s.title, stage: stage + 1, block: block + 1, time: r!.t })} lead={s.lead} text="" scale={s.scale}
              busy={q.busy ? t('recomputing') : null} exportParts={[model.id, `stage${stage + 1}`, `block${block + 1}`, s.file, `t=${r!.t}`]} testId={s.id}
            >
              {s.id === 'op-coefficients' ? <CoefficientPicker side={r!.height}>{canvas}</CoefficientPicker> : canvas}
            </ExplainedFigure>
          );
        })}
        {!r && !q.error && <p className="meta">{t('operator.computing')}</p>}
      </div>
      {r && <FrequencyPanel />}
      {r && (
        <HowToRead>
          {shown.map((s) => <span key={s.id}>{s.lead} {s.details} </span>)}
          {' '}{t('operator.open', { percent: formatFixed(openShare(r.mask) * 100, 0) })}
        </HowToRead>
      )}
    </section>
  );
}
