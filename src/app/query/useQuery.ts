// A view's hook onto a query: watches it while mounted (and `enabled`, e.g. once on screen) and re-renders
// when its state changes.
import { useEffect } from 'react';
import type { Query, QueryState } from './query';

export function useQuery<T>(query: Query<T>, enabled = true): QueryState<T> {
  useEffect(() => (enabled ? query.watch() : undefined), [query, enabled]);
  return query.state();
}
