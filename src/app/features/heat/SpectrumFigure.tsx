// What a block has learned: vHeat's diffusivity k over frequencies (with axes), or HcNet's alpha per channel.
import { MapCanvas } from '../../ui/render/MapCanvas';
import { useApp } from '../../store';
import { useQuery } from '../../query/useQuery';
import { useT } from '../../i18n/i18n';
import { heatFramesQuery, spectrumQuery } from './heatQueries';
import { ExplainedFigure } from '../../ui/ExplainedFigure';
import { formatSignificant } from './formatDigits';
import { FrequencyAxes } from './FrequencyAxes';
import { HowToRead } from './HowToRead';

export function SpectrumFigure() {
  const t = useT('heat');
  const query = useQuery(spectrumQuery);
  const alphaMax = useQuery(heatFramesQuery).data?.stability?.alphaMax;
  const mode = useApp((s) => s.channelMode);
  const channel = mode.kind === 'channel' ? mode.channel : null;
  const model = useApp((s) => s.model)!;
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  const smooth = useApp((s) => s.smooth);
  const spectrum = query.data;
  const which = channel === null ? t('spectrum.mean') : t('spectrum.channel', { channel });
  // The exported file's name stays ASCII in every language.
  const whichFile = channel === null ? 'mean-over-channels' : `channel-${channel}`;
  const flat = spectrum !== null && spectrum.max === spectrum.min;
  const at = { stage: stage + 1, block: block + 1 };
  const common = { busy: query.busy ? t('recomputing') : null, error: query.error, exportParts: [model.id, `stage${stage + 1}`, `block${block + 1}`, spectrum?.quantity ?? 'k', whichFile] };
  if (spectrum?.quantity === 'alpha') {
    const last = spectrum.map.width - 1;
    const bound = alphaMax === undefined ? t('spectrum.bound') : formatSignificant(alphaMax);
    return (
      <ExplainedFigure
        {...common}
        title={t('spectrum.alphaTitle', at)}
        lead={t('spectrum.alphaLead')}
        text=""
        footer={<HowToRead>{t('spectrum.alphaHow', { bound, last })}</HowToRead>}
        scale={{ colormap: 'inferno', lo: spectrum.min, hi: spectrum.max, label: t('spectrum.alphaScale') }}
        testId="spectrum"
      >
        <MapCanvas map={spectrum.map} label={t('spectrum.alphaCanvas', { last })} className={`${smooth ? '' : 'pixelated '}strip`} testId="spectrum-map" />
        <span className="strip-axis" aria-hidden="true"><span>{t('spectrum.channel', { channel: 0 })}</span><span>{last}</span></span>
      </ExplainedFigure>
    );
  }
  const side = spectrum?.map.height ?? model.stageSides[stage];
  const how = t('spectrum.kHow', { side, which, flat: flat ? t('spectrum.flat', { k: formatSignificant(spectrum!.min) }) : '' });
  return (
    <ExplainedFigure
      {...common}
      title={t('spectrum.kTitle', { ...at, which })}
      lead={t('spectrum.kLead', { which })}
      text=""
      footer={<HowToRead>{how}</HowToRead>}
      scale={spectrum ? { colormap: 'inferno', lo: spectrum.min, hi: spectrum.max, label: t('spectrum.kScale') } : undefined}
      testId="spectrum"
    >
      <FrequencyAxes side={side}>
        {spectrum && <MapCanvas map={spectrum.map} label={t('spectrum.kCanvas', { which })} className={`${smooth ? '' : 'pixelated '}square`} testId="spectrum-map" />}
      </FrequencyAxes>
    </ExplainedFigure>
  );
}
