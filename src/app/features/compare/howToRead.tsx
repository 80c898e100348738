// The comparison figures' shared pieces: the PNG layout (maps side by side) and the toggle on the measure and the models.
import type { ComparisonErf } from '../../worker/protocol';
import { shortTitle } from './comparisonEntries';
import { sideBySideCanvas } from './sideBySide';

/** ExplainedFigure's exportCanvases: the columns' maps side by side, named. */
export function sideBySideExport(columns: ComparisonErf[], smooth: boolean): (canvases: HTMLCanvasElement[]) => HTMLCanvasElement[] {
  return (canvases) => {
    const maps = canvases.filter((c) => c.classList.contains('compare-map'));
    return [sideBySideCanvas(maps, columns.map((c) => `${shortTitle(c.title)} (max g ${c.erf.maxContribution.toPrecision(2)})`), smooth)];
  };
}

export function HowToReadComparison() {
  return (
    <details className="compare-details">
      <summary>The measure and the models</summary>
      <p>
        Each map shows g, how much the chosen output cell changes when one input pixel changes (the gradient of the
        cell’s channels summed, taken in each model separately), log-scaled to that model’s own strongest pixel, so the
        colours compare shapes, not strengths: the colour bars give each model’s largest g. The table grows a square
        around the cell’s centre until it holds 20, 50 or 99 % of the map’s total; a large share means the cell listens
        to much of the image.
      </p>
      <p>
        A convolutional network (ConvNeXt) sees a neighbourhood that grows with depth; global attention (ViT) can reach
        every pixel from the first block; vHeat’s heat operator spreads information over the whole map at a cost that
        grows more slowly than attention’s (the paper’s claim). HcNet runs explicit heat steps. All models were trained on
        the same data set (some at another input size: the point is carried to the same place of each model’s input);
        the stage is clamped to each model’s last stage.
      </p>
    </details>
  );
}
