// The comparison figures' shared pieces: the PNG layout (maps side by side) and the toggle on the measure and the models.
import { tFor, useT } from '../../i18n/i18n';
import type { ComparisonErf } from '../../worker/protocol';
import { shortTitle } from './comparisonEntries';
import { sideBySideCanvas } from './sideBySide';

/** ExplainedFigure's exportCanvases: the columns' maps side by side, named. */
export function sideBySideExport(columns: ComparisonErf[], smooth: boolean): (canvases: HTMLCanvasElement[]) => HTMLCanvasElement[] {
  return (canvases) => {
    const t = tFor('compare');
    const maps = canvases.filter((c) => c.classList.contains('compare-map'));
    return [sideBySideCanvas(maps, columns.map((c) => t('columns.pngLabel', { model: shortTitle(c.title), max: c.erf.maxContribution.toPrecision(2) })), smooth)];
  };
}

export function HowToReadComparison() {
  const t = useT('compare');
  return (
    <details className="compare-details">
      <summary>{t('howToRead.summary')}</summary>
      <p>{t('howToRead.measure')}</p>
      <p>{t('howToRead.models')}</p>
    </details>
  );
}
