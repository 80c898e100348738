// The official ImageNet-1k models in the model picker: an option group for the select, and one line under it that
// says where they come from (through this page's server, or, on a static host, by `vheat fetch` and a drop).
import { useEffect } from 'react';
import { Trans } from 'react-i18next';
import { OFFICIAL_CHECKPOINTS } from '../../../engine/weights/officialCheckpoints';
import { useT } from '../../i18n/i18n';
import { useApp } from '../../store';
import { cachedOfficial, fetchCommand, officialId, officialTitle, probeOfficialRoute, useOfficial } from './officialModels';

export { officialOfId, loadOfficial } from './officialModels';

/** The options (inside the model select). On a static host they are listed but cannot be chosen. */
export function OfficialOptions() {
  const t = useT('official');
  const route = useOfficial((s) => s.route);
  useApp((s) => s.cachedModels); // re-labels an entry once it is in the browser cache
  return (
    <optgroup label={t('group')}>
      {OFFICIAL_CHECKPOINTS.map((c) => (
        <option key={c.name} value={officialId(c)} disabled={route !== 'server' && !cachedOfficial(c)}>
          {officialTitle(c)} {cachedOfficial(c) ? t('option.cached') : route === 'server' ? t('option.download') : t('option.seeBelow')}
        </option>
      ))}
    </optgroup>
  );
}

/** The commands and file names in the static host's note: code, the same in every language. */
const STATIC_NOTE_CODE = { fetch: fetchCommand('tiny'), small: 'small', base: 'base', converted: '.safetensors', official: 'vHeat_tiny.pth' };

/** Where the official models come from, probed once when the picker first shows. */
export function OfficialNote() {
  const t = useT('official');
  const route = useOfficial((s) => s.route);
  useEffect(() => {
    if (useOfficial.getState().route === 'probing') void probeOfficialRoute();
  }, []);
  if (route === 'probing') return null;
  if (route === 'server') {
    return (
      <details className="note" data-testid="official-note">
        <summary>{t('note.summary')}</summary>
        {t('note.server')}
      </details>
    );
  }
  return (
    <p className="note" data-testid="official-note">
      <Trans t={t} i18nKey="note.static" values={STATIC_NOTE_CODE} components={{ nowrap: <code style={{ whiteSpace: 'nowrap' }} />, code: <code /> }} />
    </p>
  );
}
