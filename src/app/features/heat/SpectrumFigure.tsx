// What a block has learned: vHeat's diffusivity k over frequencies (with axes), or HcNet's alpha per channel.
import { MapCanvas } from '../../ui/render/MapCanvas';
import { useApp } from '../../store';
import { useQuery } from '../../query/useQuery';
import { heatFramesQuery, spectrumQuery } from './heatQueries';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { FrequencyAxes } from './FrequencyAxes';
import { HowToRead } from './HowToRead';

export function SpectrumFigure() {
  const query = useQuery(spectrumQuery);
  const alphaMax = useQuery(heatFramesQuery).data?.stability?.alphaMax;
  const mode = useApp((s) => s.channelMode);
  const channel = mode.kind === 'channel' ? mode.channel : null;
  const model = useApp((s) => s.model)!;
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const smooth = useApp((s) => s.smooth);
  const spectrum = query.data;
  const which = channel === null ? 'mean over channels' : `channel ${channel}`;
  const flat = spectrum !== null && spectrum.max === spectrum.min;
  const common = { busy: query.busy ? 'recomputing…' : null, error: query.error, exportParts: [model.id, `stage${stage + 1}`, `block${block + 1}`, spectrum?.quantity ?? 'k', which] };
  if (spectrum?.quantity === 'alpha') {
    const c = spectrum.map.width;
    return (
      <ExplainedFigure
        {...common}
        title={`HcNet step size alpha per channel, stage ${stage + 1} block ${block + 1}`}
        lead="HcNet's step size alpha, one per channel."
        text=""
        footer={<HowToRead>{`alpha is the share of the difference to the 4 neighbours that one explicit step moves: larger alpha spreads heat faster. Above ${alphaMax?.toPrecision(3) ?? 'the stability bound'} the step overshoots and the heat oscillates. Channels 0 to ${c - 1}, left to right.`}</HowToRead>}
        scale={{ colormap: 'inferno', lo: spectrum.min, hi: spectrum.max, label: 'alpha (dimensionless, per channel)' }}
        testId="spectrum"
      >
        <MapCanvas map={spectrum.map} label={`alpha for channels 0 to ${c - 1}`} className={`${smooth ? '' : 'pixelated '}strip`} testId="spectrum-map" />
        <span className="strip-axis" aria-hidden="true"><span>channel 0</span><span>{c - 1}</span></span>
      </ExplainedFigure>
    );
  }
  const side = spectrum?.map.height ?? model.stageSides[stage];
  return (
    <ExplainedFigure
      {...common}
      title={`Learned diffusivity k over frequencies, stage ${stage + 1} block ${block + 1} (${which})`}
      lead={`Learned diffusivity k, ${which}: bright fades fast.`}
      text=""
      footer={<HowToRead>{`Each cell is one cosine pattern of the ${side}×${side} map: top-left (DC) is the plain average, which never fades; further right and down are finer horizontal and vertical patterns. Bright = large k = that pattern is blurred away fast; dark = kept. Shown: ${which}.${flat ? ` k is the same (${spectrum!.min.toPrecision(3)}) at every frequency here.` : ''}`}</HowToRead>}
      scale={spectrum ? { colormap: 'inferno', lo: spectrum.min, hi: spectrum.max, label: 'learned k (per unit of t, ×w²)' } : undefined}
      testId="spectrum"
    >
      <FrequencyAxes side={side}>
        {spectrum && <MapCanvas map={spectrum.map} label={`Learned k over frequencies, ${which}`} className={`${smooth ? '' : 'pixelated '}square`} testId="spectrum-map" />}
      </FrequencyAxes>
    </ExplainedFigure>
  );
}
