// Top-5 classes as bars, the inference time, backend and adapter.
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { predictionQuery } from './predictionQuery';
import { DomainNote } from './DomainNote';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { formatPercent, useT } from '../../i18n/i18n';
import { formatFixed } from '../heat/formatDigits';

export function Predictions() {
  const t = useT('prediction');
  const { data: prediction, busy, error } = useQuery(predictionQuery);
  const backend = useApp((s) => s.backend);
  const imageId = useApp((s) => s.image?.id);
  return (
    <section className="panel predictions" aria-labelledby="predictions-title">
      <h2 id="predictions-title">{t('title')}</h2>
      <ErrorMessage message={error} />
      {prediction ? (
        <div aria-live="polite">
          <ol
            className={prediction.imageId === imageId && !busy ? 'top5' : 'top5 stale'}
            aria-busy={busy || undefined}
            data-testid="top5"
            data-sum={prediction.probabilitySum}
            data-image-id={prediction.imageId}
          >
            {prediction.top.map((p) => (
              <li key={p.index} data-probability={p.probability} data-label={p.label}>
                <span className="label">{p.label}</span>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${(p.probability * 100).toFixed(1)}%` }} />
                </span>
                <span className="pct">{formatPercent(p.probability, 1)}</span>
              </li>
            ))}
          </ol>
          <p className="meta" data-testid="inference-time">
            {t('milliseconds', { value: formatFixed(prediction.milliseconds, 1, false) })}
            {backend?.softwareAdapter ? t('softwareAdapter') : ''}
            {(busy || prediction.imageId !== imageId) && <span className="updating" data-testid="prediction-updating"> {t('updating')}</span>}
          </p>
          <DomainNote />
        </div>
      ) : (
        <p className="meta">{t('waiting')}</p>
      )}
    </section>
  );
}
