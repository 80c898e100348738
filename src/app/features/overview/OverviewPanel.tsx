// The overview section: the loaded network (stages, map sizes, channels, block buttons) and the chosen block's
// data flow with the heat operator's steps highlighted. A block button is the same choice as any other block
// picker (selectBlock): every view follows it.
import { selectBlock } from '../../actions';
import { useT } from '../../i18n/i18n';
import { useApp } from '../../store';
import { BlockDiagram } from './BlockDiagram';
import { ModelOverview } from './ModelOverview';
import { hcnetBlockFlow, networkLayout, vheatBlockFlow } from './networkLayout';
import './overview.css';

/** Maps smaller than this per side have no room for heat to spread (the heat view shows a note instead). */
const MIN_PICTURE_SIDE = 3;

export function OverviewPanel() {
  const t = useT('overview');
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  if (!model || !image) return null;
  const layout = networkLayout(model.config, image.inputSize);
  const hcnet = model.config.family === 'hcnet';
  const chosen = layout.stages[stage] ?? layout.stages[0];
  const steps = hcnet ? hcnetBlockFlow(chosen.channels) : vheatBlockFlow(chosen.channels, model.config.family === 'vheat' && model.config.postNorm);
  const where = t('where', { stage: stage + 1, block: block + 1 });
  return (
    <section className="panel overview" aria-labelledby="overview-title" data-testid="overview">
      <h2 id="overview-title">{t('title')}</h2>
      <ModelOverview layout={layout} selected={{ stage, block }} onSelect={(s) => selectBlock(s.stage, s.block)} minPictureSide={MIN_PICTURE_SIDE} />
      <p className="hint ov-line">{t('in', { where })}</p>
      <BlockDiagram title={t('blockTitle', { name: hcnet ? 'HcNet' : 'vHeat', where })} steps={steps} focus={hcnet ? 'add1' : 'decay'} />
      <details className="how-to-read">
        <summary title={t('howToRead')} aria-label={t('howToRead')}>?</summary>
        {t('read.stages')} {hcnet ? t('read.hcnet') : t('read.vheat')} {t('read.residual', { side: MIN_PICTURE_SIDE })}
      </details>
    </section>
  );
}
