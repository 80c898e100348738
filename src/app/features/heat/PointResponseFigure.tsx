// The block's operator as a filter: the response to one unit of heat at a chosen cell.
import { MapCanvas } from '../../ui/render/MapCanvas';
import { useApp } from '../../store';
import { useQuery } from '../../query/useQuery';
import { useT } from '../../i18n/i18n';
import { pointResponseQuery } from './heatQueries';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { formatSignificant } from './formatDigits';
import { HowToRead } from './HowToRead';
import { pointSpread } from './pointSpread';

export function PointResponseFigure() {
  const t = useT('heat');
  const query = useQuery(pointResponseQuery);
  const model = useApp((s) => s.model)!;
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const smooth = useApp((s) => s.smooth);
  const heatTime = useApp((s) => s.heatTime);
  const vheat = model.config.family === 'vheat';
  const time = `t = ${heatTime > 0 ? heatTime : 1}`;
  const when = vheat ? time : t('point.oneStep');
  const r = query.data;
  const side = model.stageSides[stage];
  const spread = r ? pointSpread(r.map, r.row, r.col) : null;
  const m = spread?.top ?? 1;
  const how = t('point.how', {
    step: model.config.family === 'hcnet' ? t('point.explicitStep') : t('point.diffusion'),
    offScale: spread?.offScale ? t('point.offScale', { centre: formatSignificant(spread.centre) }) : '',
  });
  return (
    <ExplainedFigure
      title={t('point.title', { stage: stage + 1, block: block + 1, when })}
      lead={t('point.lead', { row: r?.row ?? '…', col: r?.col ?? '…', side, when })}
      text=""
      footer={<HowToRead>{how}</HowToRead>}
      scale={{ colormap: 'diverging', lo: -m, hi: m, label: spread?.offScale ? t('point.scaleOff') : t('point.scale'), ticks: [-m, 0, m] }}
      busy={query.busy ? t('recomputing') : null}
      error={query.error}
      exportParts={[model.id, `stage${stage + 1}`, `block${block + 1}`, 'point', r ? `${r.row}-${r.col}` : undefined, vheat ? time.replace(' = ', '=') : undefined]}
      testId="point-figure"
    >
      {r ? (
        <MapCanvas map={spread!.map} label={t('point.canvas', { row: r.row, col: r.col })} className={`${smooth ? '' : 'pixelated '}square`} testId="point-response" />
      ) : (
        <div className="square empty-note">{t('point.computing')}</div>
      )}
    </ExplainedFigure>
  );
}
