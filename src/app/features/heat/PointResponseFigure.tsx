// The block's operator as a filter: the response to one unit of heat at a chosen cell.
import { MapCanvas } from '../../ui/render/MapCanvas';
import { useApp } from '../../store';
import { useQuery } from '../../query/useQuery';
import { pointResponseQuery } from './heatQueries';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { HowToRead } from './HowToRead';
import { pointSpread } from './pointSpread';

export function PointResponseFigure() {
  const query = useQuery(pointResponseQuery);
  const model = useApp((s) => s.model)!;
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const smooth = useApp((s) => s.smooth);
  const heatTime = useApp((s) => s.heatTime);
  const vheat = model.config.family === 'vheat';
  const when = vheat ? `t = ${heatTime > 0 ? heatTime : 1}` : 'one step';
  const r = query.data;
  const side = model.stageSides[stage];
  const spread = r ? pointSpread(r.map, r.row, r.col) : null;
  const m = spread?.top ?? 1;
  return (
    <ExplainedFigure
      title={`Response to a point of heat, stage ${stage + 1} block ${block + 1}, ${when}`}
      lead={`Response to a point of heat at (${r?.row ?? '…'}, ${r?.col ?? '…'}) of the ${side}×${side} map, ${when}.`}
      text=""
      footer={<HowToRead>{`One unit of heat placed at that cell, after this block's ${model.config.family === 'hcnet' ? 'explicit step' : 'diffusion'}. Its shape is the kernel the block blurs with there; it follows the time slider (t = 0 would be the dot itself, so t = 1 stands in). Click the heat map (or use its arrow keys) to move the point. Red = heat gained, blue = below zero (ringing).${spread?.offScale ? ` The placed cell keeps ${spread.centre.toPrecision(3)}, off this scale, so that the spread around it shows.` : ''}`}</HowToRead>}
      scale={{ colormap: 'diverging', lo: -m, hi: m, label: `heat per unit placed${spread?.offScale ? ' (its own cell off scale)' : ''}`, ticks: [-m, 0, m] }}
      busy={query.busy ? 'recomputing…' : null}
      error={query.error}
      exportParts={[model.id, `stage${stage + 1}`, `block${block + 1}`, 'point', r ? `${r.row}-${r.col}` : undefined, vheat ? when.replace(' = ', '=') : undefined]}
      testId="point-figure"
    >
      {r ? (
        <MapCanvas map={spread!.map} label={`Response to a point of heat at (${r.row}, ${r.col})`} className={`${smooth ? '' : 'pixelated '}square`} testId="point-response" />
      ) : (
        <div className="square empty-note">Computing the response…</div>
      )}
    </ExplainedFigure>
  );
}
