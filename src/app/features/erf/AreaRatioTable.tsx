// The high-contribution area ratios of one ERF, with what they mean in words.
import { Trans } from 'react-i18next';
import { useT } from '../../i18n/i18n';
import type { ErfResult } from '../../worker/protocol';
import { sharePercent } from './erfText';

export function AreaRatioTable({ erf, caption, testPrefix }: { erf: ErfResult; caption: string; testPrefix: string }) {
  const t = useT('erf');
  const side = erf.map.width;
  return (
    <div className="area-ratios">
      <table className="ratios" data-testid={`${testPrefix}-ratios`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ratios.holds')}</th>
            <th scope="col">{t('ratios.square')}</th>
            <th scope="col">{t('ratios.share')}</th>
          </tr>
        </thead>
        <tbody>
          {erf.ratios.map((r) => {
            const [top, left, bottom, right] = r.box;
            return (
              <tr key={r.threshold} data-testid={`${testPrefix}-ratio-${Math.round(r.threshold * 100)}`} data-ratio={r.areaRatio} className={r.threshold > 0.9 ? 'tail' : undefined}>
                <th scope="row">{t('ratios.ofTotal', { held: sharePercent(r.threshold) })}</th>
                <td>{t('ratios.squareSize', { height: bottom - top, width: right - left })}</td>
                <td>{sharePercent(r.areaRatio, 1)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="explain" data-testid={`${testPrefix}-ratio-explainer`}>
        <Trans t={t} i18nKey="ratios.explainer" values={{ side }} components={{ b: <strong /> }} />
      </p>
    </div>
  );
}
