// One line in the header while the browser is offline: the page runs from its cached copy.
import { useSyncExternalStore } from 'react';
import { useT } from '../../i18n/i18n';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function OfflineNote() {
  const t = useT('offline');
  const online = useSyncExternalStore(subscribe, () => navigator.onLine);
  if (online) return null;
  return (
    <p className="note" role="status" data-testid="offline-note">
      {t('note')}
    </p>
  );
}
