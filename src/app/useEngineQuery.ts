// One engine computation a view shows: the last result stays on screen (marked stale) while the next one
// runs; an error replaces nothing and is cleared by the next success. Superseded requests resolve to null.
import { useEffect, useState } from 'react';
import { errorText } from './actions';
import { isEngineRestart } from './engineClient';

export interface Query<T> {
  data: T | null;
  /** A computation for the current inputs is running (data, if any, is from earlier inputs). */
  busy: boolean;
  error: string | null;
}

export function useEngineQuery<T>(enabled: boolean, run: () => Promise<T | null>, deps: readonly unknown[]): Query<T> {
  const [state, setState] = useState<Query<T>>({ data: null, busy: false, error: null });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    run().then(
      (data) => live && data !== null && setState({ data, busy: false, error: null }),
      // A replaced worker is no error of this view: the restored model and image ask again.
      (e) => live && setState((s) => ({ ...s, busy: false, error: isEngineRestart(e) ? s.error : errorText(e) })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `run` is rebuilt every render; deps say when it changes
  }, [enabled, ...deps]);
  return state;
}
