// The query layer against the real store and hand-driven requests: it asks only while watched, keeps only the
// newest answer, marks busy, clears its error on the next success, waits for the queries it runs after, and
// clears a result that belongs to another model.
import { afterEach, describe, expect, it } from 'vitest';
import { EngineRestartError } from '../engineClient';
import { getApp, setApp } from '../store';
import { defineQuery, type Query, type QueryRun } from './query';

interface Pending { request: number; run: QueryRun<string>; resolve: (v: string | null) => void; reject: (e: unknown) => void }

const initial = getApp();
afterEach(() => setApp(initial, true));

/** A query of the heat time whose requests the test answers by hand. */
function handQuery(extra: Partial<Parameters<typeof defineQuery<number, string>>[0]> = {}) {
  const asked: Pending[] = [];
  const query = defineQuery<number, string>({
    name: 'a test query',
    request: (s) => (s.stage >= 0 ? s.heatTime : null),
    key: (r) => [r],
    run: (request, run) => new Promise((resolve, reject) => asked.push({ request, run, resolve, reject })),
    ...extra,
  });
  return { query, asked };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('defineQuery', () => {
  it('asks only while a view watches it, and again when its key changes', async () => {
    const { query, asked } = handQuery();
    setApp({ heatTime: 1 });
    expect(asked).toHaveLength(0);
    const release = query.watch();
    expect(asked.map((a) => a.request)).toEqual([1]);
    expect(query.get().busy).toBe(true);
    setApp({ smooth: true }); // not in the key
    expect(asked).toHaveLength(1);
    setApp({ heatTime: 2 });
    expect(asked.map((a) => a.request)).toEqual([1, 2]);
    release();
    await settle();
    setApp({ heatTime: 3 });
    expect(asked).toHaveLength(2);
  });

  it('keeps only the newest answer (latest wins), however the answers arrive', async () => {
    const { query, asked } = handQuery();
    setApp({ heatTime: 1 });
    const release = query.watch();
    setApp({ heatTime: 2 });
    asked[1].resolve('two');
    await settle();
    asked[0].resolve('one');
    await settle();
    expect(query.get()).toMatchObject({ data: 'two', busy: false, error: null });
    expect(asked[0].run.live()).toBe(false);
    release();
  });

  it('shows an error until the next success; a restarted engine is no error', async () => {
    const { query, asked } = handQuery();
    setApp({ heatTime: 1 });
    const release = query.watch();
    asked[0].reject(new Error('out of memory'));
    await settle();
    expect(query.get()).toMatchObject({ busy: false, error: 'Unexpected error: out of memory' });
    setApp({ heatTime: 2 });
    asked[1].reject(new EngineRestartError('stopped', 'stopped by the user'));
    await settle();
    expect(query.get().error).toBe('Unexpected error: out of memory');
    setApp({ heatTime: 3 });
    asked[2].resolve('three');
    await settle();
    expect(query.get()).toMatchObject({ data: 'three', error: null });
    release();
  });

  it('waits, marked busy, for the queries it runs after', async () => {
    const first = handQuery();
    const second = handQuery({ after: [first.query as Query<unknown>], ready: () => !first.query.get().busy });
    setApp({ heatTime: 1 });
    const releases = [first.query.watch(), second.query.watch()];
    expect(second.asked).toHaveLength(0);
    expect(second.query.get().busy).toBe(true);
    first.asked[0].resolve('first');
    await settle();
    expect(second.asked.map((a) => a.request)).toEqual([1]);
    releases.forEach((r) => r());
  });

  it('clears a result that belongs to another model, and delivers partial results of the live request only', async () => {
    const { query, asked } = handQuery({ resetOn: (s) => [s.model] });
    setApp({ heatTime: 1 });
    const release = query.watch();
    asked[0].run.partial('half');
    expect(query.get().data).toBe('half');
    asked[0].resolve('whole');
    await settle();
    setApp({ model: { id: 'another' } as never });
    expect(query.get().data).toBeNull();
    setApp({ heatTime: 2 });
    asked[asked.length - 2]?.run.partial('late');
    expect(query.get().data).not.toBe('late');
    release();
  });
});
