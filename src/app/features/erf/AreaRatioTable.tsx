// The high-contribution area ratios of one ERF, with what they mean in words.
import type { ErfResult } from '../../worker/protocol';

const percent = (v: number) => `${Math.round(v * 100)} %`;

export function AreaRatioTable({ erf, caption, testPrefix }: { erf: ErfResult; caption: string; testPrefix: string }) {
  const side = erf.map.width;
  return (
    <div className="area-ratios">
      <table className="ratios" data-testid={`${testPrefix}-ratios`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">holds</th>
            <th scope="col">smallest square</th>
            <th scope="col">share of the image</th>
          </tr>
        </thead>
        <tbody>
          {erf.ratios.map((r) => {
            const [top, left, bottom, right] = r.box;
            return (
              <tr key={r.threshold} data-testid={`${testPrefix}-ratio-${Math.round(r.threshold * 100)}`} data-ratio={r.areaRatio} className={r.threshold > 0.9 ? 'tail' : undefined}>
                <th scope="row">{percent(r.threshold)} of the total</th>
                <td>{bottom - top}×{right - left} px</td>
                <td>{(r.areaRatio * 100).toFixed(1)} %</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="explain" data-testid={`${testPrefix}-ratio-explainer`}>
        <strong>Area ratio:</strong> start with the single pixel at the cell’s centre and grow a square around it until it holds
        the given share (20, 30, 50 %) of the whole map’s total contribution; the ratio is that square’s area as a share
        of the {side}×{side} image. Small: the cell listens to a small neighbourhood. Large: to much of the image. As in
        RepLKNet and vHeat, it is measured on the log-scaled map shown. <strong>99 % is often close to 100 %:</strong> the
        heat operators let every pixel contribute a little, and the last 1 % of the total is spread thinly over the whole
        image, so compare the 20–50 % rows across stages and depths.
      </p>
    </div>
  );
}
