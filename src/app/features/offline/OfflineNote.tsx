// One line in the header while the browser is offline: the page runs from its cached copy.
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function OfflineNote() {
  const online = useSyncExternalStore(subscribe, () => navigator.onLine);
  if (online) return null;
  return (
    <p className="note" role="status" data-testid="offline-note">
      Offline: the page runs from this browser's copy (the app, the bundled models and models converted here); downloads wait for the network.
    </p>
  );
}
