// The overview section: the loaded network (stages, map sizes, channels, block buttons) and the chosen block's
// data flow with the heat operator's steps highlighted. A block button is the same choice as any other block
// picker (selectBlock): every view follows it.
import { selectBlock } from '../../actions';
import { useApp } from '../../store';
import { BlockDiagram } from './BlockDiagram';
import { ModelOverview } from './ModelOverview';
import { hcnetBlockFlow, networkLayout, vheatBlockFlow } from './networkLayout';
import './overview.css';

/** Maps smaller than this per side have no room for heat to spread (the heat view shows a note instead). */
const MIN_PICTURE_SIDE = 3;

export function OverviewPanel() {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const stage = useApp((s) => s.stage);
  const block = useApp((s) => s.block);
  if (!model || !image) return null;
  const layout = networkLayout(model.config, image.inputSize);
  const hcnet = model.config.family === 'hcnet';
  const chosen = layout.stages[stage] ?? layout.stages[0];
  const steps = hcnet ? hcnetBlockFlow(chosen.channels) : vheatBlockFlow(chosen.channels, model.config.family === 'vheat' && model.config.postNorm);
  const where = `stage ${stage + 1}, block ${block + 1}`;
  return (
    <section className="panel overview" aria-labelledby="overview-title" data-testid="overview">
      <h2 id="overview-title">The network</h2>
      <ModelOverview layout={layout} selected={{ stage, block }} onSelect={(s) => selectBlock(s.stage, s.block)} minPictureSide={MIN_PICTURE_SIDE} />
      <p className="hint ov-line">
        In {where}:
      </p>
      <BlockDiagram title={`${hcnet ? 'HcNet' : 'vHeat'} block, ${where}`} steps={steps} focus={hcnet ? 'add1' : 'decay'} />
      <details className="how-to-read">
        <summary title="How to read this" aria-label="How to read this">?</summary>
        Each stage halves the map&rsquo;s side and widens its channels. Orange steps are the heat operator:{' '}
        {hcnet
          ? 'HcNet moves a share α of each cell’s difference to its neighbours in one explicit step.'
          : 'vHeat writes the map as cosine patterns (DCT), damps each by exp(−k ω² t) with a learned k per frequency, and goes back (IDCT): fine patterns fade first.'}{' '}
        Dashed steps add the block&rsquo;s input back (residual). Greyed stages have maps under {MIN_PICTURE_SIDE}×{MIN_PICTURE_SIDE} cells: nothing left to spread.
      </details>
    </section>
  );
}
