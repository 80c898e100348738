// The loaded network at a glance: input, stem, one box per stage (its map drawn to scale, channels, blocks), head.
// Every block is a button; the chosen one is the selection every heat view shows. Presentational: data in, clicks out.
import { useT } from '../../i18n/i18n';
import type { NetworkLayout } from './networkLayout';

export interface BlockSelection {
  stage: number;
  block: number;
}

interface Props {
  layout: NetworkLayout;
  selected: BlockSelection;
  onSelect: (s: BlockSelection) => void;
  /** Maps smaller than this per side have nothing to watch (drawn greyed, still selectable). */
  minPictureSide: number;
}

const MAX_BOX = 56;

function mapSquare(side: number, inputSide: number) {
  const px = Math.max(6, Math.round(MAX_BOX * Math.sqrt(side / inputSide) * 2));
  return Math.min(MAX_BOX, px);
}

function StageBox({ stage, layout, selected, onSelect, minPictureSide }: Props & { stage: NetworkLayout['stages'][number] }) {
  const t = useT('overview');
  const square = mapSquare(stage.side, layout.inputSide);
  const small = stage.side < minPictureSide;
  return (
    <div className={`ov-stage${selected.stage === stage.index ? ' chosen' : ''}${small ? ' small' : ''}`} data-testid={`overview-stage-${stage.index + 1}`}>
      <div className="ov-stage-name">{t('stage', { stage: stage.index + 1 })}</div>
      <div className="ov-map" style={{ width: square, height: square }} title={t('mapTitle', { side: stage.side })} aria-hidden="true" />
      <div className="ov-dims">{t('dims', { side: stage.side, channels: stage.channels })}</div>
      <div className="ov-blocks" role="group" aria-label={t('blocksOf', { stage: stage.index + 1 })}>
        {Array.from({ length: stage.blocks }, (_, b) => {
          const chosen = selected.stage === stage.index && selected.block === b;
          return (
            <button
              key={b}
              type="button"
              className={chosen ? 'ov-block chosen' : 'ov-block'}
              aria-pressed={chosen}
              aria-label={t(small ? 'blockSmall' : 'block', { stage: stage.index + 1, block: b + 1 })}
              onClick={() => onSelect({ stage: stage.index, block: b })}
              data-testid={`overview-block-${stage.index + 1}-${b + 1}`}
            >
              {b + 1}
            </button>
          );
        })}
      </div>
    </div>
  );
}

export function ModelOverview(props: Props) {
  const { layout } = props;
  const t = useT('overview');
  const name = layout.family === 'hcnet' ? 'HcNet' : 'vHeat';
  return (
    <div className="ov-row" data-testid="model-overview" aria-label={t('summary', { name, stages: layout.stages.length, blocks: layout.totalBlocks })}>
      <div className="ov-end">
        <div className="ov-map input" style={{ width: MAX_BOX, height: MAX_BOX }} aria-hidden="true" />
        <div className="ov-dims">{t('image', { side: layout.inputSide })}</div>
      </div>
      <span className="ov-arrow" aria-hidden="true">{t('stem')}</span>
      {layout.stages.map((s, i) => (
        <div className="ov-step" key={s.index}>
          <StageBox {...props} stage={s} />
          {i + 1 < layout.stages.length && <span className="ov-arrow" aria-hidden="true">÷2 →</span>}
        </div>
      ))}
      <span className="ov-arrow" aria-hidden="true">→</span>
      <div className="ov-end">
        <div className="ov-head" aria-hidden="true">{layout.classes}</div>
        <div className="ov-dims">{t('classes', { classes: layout.classes })}</div>
      </div>
    </div>
  );
}
