// Shown under the predictions when the image is not from the model's data set: what the model knows, and
// how to get a model that knows everyday photos.
import { Trans } from 'react-i18next';
import { useT } from '../../i18n/i18n';
import { modelDomain, OFFICIAL_CHECKPOINTS, outsideDomain } from './modelDomain';
import { useApp } from '../../store';

/** The official checkpoint the note names as an example (a file name, the same in every language). */
const EXAMPLE_CHECKPOINT = 'vHeat_tiny.pth';

export function DomainNote() {
  const t = useT('prediction');
  const model = useApp((s) => s.model);
  const choice = useApp((s) => s.imageChoice);
  if (!model) return null;
  const domain = modelDomain(model);
  if (!domain || !outsideDomain(domain, choice)) return null;
  return (
    <div className="note" data-testid="domain-note">
      <p>
        <strong>{t('domain.notFrom', { name: domain.name })}</strong>{' '}
        {t('domain.knows', { classes: model.labels.length, labels: model.labels.join(', '), looksLike: domain.looksLike })}
      </p>
      <p>
        <Trans
          t={t} ns="prediction" i18nKey="domain.everyday" values={{ file: EXAMPLE_CHECKPOINT }}
          components={{ code: <code />, a: <a href={OFFICIAL_CHECKPOINTS} target="_blank" rel="noreferrer" /> }}
        />
      </p>
    </div>
  );
}
