// The page's one route from the store to the engine and back. A feature declares its engine query as a function
// of the store (the selection, the sliders, the image, the model); the layer asks the engine when the request's
// key changes and some mounted view watches the query, ignores every answer but the newest (latest wins),
// marks the query busy while it runs (views show aria-busy and "updating…" from it), delivers results, and keeps
// the last error until the next success. Results live here, never in the store.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { errorText } from '../actions';
import { isEngineRestart } from '../engineClient';
import { tFor } from '../i18n/i18n';
import { getApp, useApp, type AppState, type Busy } from '../store';

/** The progress a query shows before its request reports its own ('computing the ERF'). */
const computing = (what: string): Busy => ({ label: tFor('common')('computing', { what }), fraction: null });

export interface QueryState<T> {
  /** The newest result (possibly for earlier inputs while `busy`). */
  data: T | null;
  /** A request for the current inputs is running or waiting to run. */
  busy: boolean;
  /** What the running request is doing and how far it is (null fraction: unknown). */
  progress: Busy | null;
  /** The last failure; cleared by the next success. */
  error: string | null;
}

/** Handed to a running request. */
export interface QueryRun<T> {
  /** False once a newer request took over: stop working, anything delivered is ignored. */
  live(): boolean;
  progress(fraction: number | null, label: string): void;
  /** A part of the result, shown at once while the rest is computed (e.g. one stage of several). */
  partial(data: T): void;
  /** The data shown when this request started. */
  previous: T | null;
}

export interface QuerySpec<R, T> {
  /** For messages and tests. */
  name: string;
  /** The request for this state of the store; null: nothing to ask (no model or image yet, no point chosen). */
  request(s: AppState): R | null;
  /** The values the request depends on; it is sent again when one of them changes (compared with Object.is). */
  key(request: R, s: AppState): readonly unknown[];
  /** Asks the engine. Null: the engine dropped it for a newer one (EngineClient.coalesce). */
  run(request: R, run: QueryRun<T>): Promise<T | null>;
  /** Store values whose change makes the shown result meaningless (another model): the data is cleared. */
  resetOn?(s: AppState): readonly unknown[];
  /** Other queries this one waits for: while `ready` is false it is marked busy but not sent. */
  after?: readonly Query<unknown>[];
  ready?(s: AppState): boolean;
  /** What the shown result becomes when a new request is wanted (e.g. every stage marked pending). */
  stale?(data: T): T;
  /** The progress shown while busy, before the request reports its own. */
  busy?: Busy;
  /** Frees a result that is replaced or never shown (ImageBitmaps). */
  dispose?(data: T): void;
}

export interface Query<T> {
  readonly name: string;
  /** The query's state for React (a zustand store: `query.state(selector)`). */
  readonly state: UseBoundStore<StoreApi<QueryState<T>>>;
  get(): QueryState<T>;
  /** A view watches the query while mounted; returns the release. The query runs while anyone watches. */
  watch(): () => void;
}

const same = (a: readonly unknown[] | null, b: readonly unknown[] | null) => a !== null && b !== null && a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

export function defineQuery<R, T>(spec: QuerySpec<R, T>): Query<T> {
  const state = create<QueryState<T>>(() => ({ data: null, busy: false, progress: null, error: null }));
  let watchers = 0;
  let generation = 0;
  /** The key of the request running or answered, and of the one waiting for `ready`. */
  let asked: readonly unknown[] | null = null;
  let waiting: readonly unknown[] | null = null;
  let scope: readonly unknown[] | null = null;
  let unsubscribe: (() => void)[] = [];

  const setData = (data: T | null) => {
    const old = state.getState().data;
    if (old !== null && old !== data) spec.dispose?.(old);
    state.setState({ data });
  };

  const stop = () => {
    generation++;
    asked = null;
    waiting = null;
    if (state.getState().busy) state.setState({ busy: false, progress: null });
  };

  const start = (request: R, key: readonly unknown[]) => {
    const mine = ++generation;
    asked = key;
    waiting = null;
    const live = () => mine === generation;
    state.setState({ busy: true, progress: spec.busy ?? computing(spec.name) });
    const run: QueryRun<T> = {
      live,
      progress: (fraction, label) => live() && state.setState({ progress: { label, fraction } }),
      partial: (data) => (live() ? setData(data) : spec.dispose?.(data)),
      previous: state.getState().data,
    };
    spec.run(request, run).then(
      (data) => {
        if (!live()) return void (data !== null && data !== state.getState().data && spec.dispose?.(data));
        if (data !== null) setData(data);
        state.setState({ busy: false, progress: null, ...(data !== null ? { error: null } : {}) });
      },
      (e: unknown) => {
        if (!live()) return;
        // A replaced worker is no error of this view: the restored model and image ask again.
        state.setState((s) => ({ busy: false, progress: null, error: isEngineRestart(e) ? s.error : errorText(e) }));
        if (isEngineRestart(e)) asked = null;
      },
    );
  };

  const evaluate = () => {
    const s = getApp();
    const nextScope = spec.resetOn?.(s) ?? null;
    if (nextScope !== null && scope !== null && !same(scope, nextScope)) setData(null);
    scope = nextScope;
    const request = watchers > 0 ? spec.request(s) : null;
    if (request === null) return stop();
    const key = spec.key(request, s);
    if (same(key, asked)) return;
    const ready = spec.ready?.(s) ?? true;
    if (!same(key, waiting)) {
      generation++; // whatever runs is for older inputs now
      asked = null;
      const data = state.getState().data;
      if (data !== null && spec.stale) setData(spec.stale(data));
    }
    if (ready) start(request, key);
    else {
      waiting = key;
      state.setState({ busy: true, progress: spec.busy ?? computing(spec.name) });
    }
  };

  return {
    name: spec.name,
    state,
    get: state.getState,
    watch() {
      watchers++;
      // Not yet subscribed, or still subscribed from a release whose deferred end has not run.
      if (unsubscribe.length === 0) {
        unsubscribe = [useApp.subscribe(evaluate), ...(spec.after ?? []).map((q) => q.state.subscribe(evaluate))];
      }
      evaluate();
      return () => {
        watchers--;
        // Later, so that a view mounted again at once (React's StrictMode) keeps the request it started.
        queueMicrotask(() => {
          if (watchers > 0 || unsubscribe.length === 0) return;
          unsubscribe.forEach((u) => u());
          unsubscribe = [];
          stop();
        });
      };
    },
  };
}
