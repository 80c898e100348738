// When the engine worker has to go (the user stopped a long load, or the worker failed outside any request), a
// fresh worker takes its place and is given the last model and image that loaded: a huge or hostile file never
// leaves the page without a working engine.
import { backendPreference, errorText, modelBeingLoaded, sourceId, sourceTitle } from './actions';
import { engine, replaceEngineWorker } from './engine';
import { isEngineRestart, type RestartCause } from './engineClient';
import { getApp, setApp } from './store';

/** More failures than this within FAILURE_WINDOW_MS: the worker fails as it starts, and restarting again would loop. */
const MAX_FAILURES = 3;
const FAILURE_WINDOW_MS = 60_000;
let failures: number[] = [];

/** Restarts the engine when its worker fails; gives up (and says so) when it keeps failing. */
export function watchEngineFailures(): void {
  engine().onWorkerFailed = (message) => {
    const now = Date.now();
    failures = [...failures.filter((t) => now - t < FAILURE_WINDOW_MS), now];
    if (failures.length > MAX_FAILURES) {
      setApp({ backendError: `the engine failed ${failures.length} times within a minute (last: ${message}); reload the page` });
      return;
    }
    void restartEngine('failed', `The engine stopped on an error (${message})`);
  };
}

/** The user's way out of a model load that takes too long: the worker is stopped mid-task. */
export function stopModelLoad(): Promise<void> {
  const source = modelBeingLoaded();
  return restartEngine('stopped', `Loading ${source ? sourceTitle(source) : 'the model'} was stopped`);
}

/** Replaces the worker and gives the new one the backend, the last good model and the last good image. */
export async function restartEngine(cause: RestartCause, why: string): Promise<void> {
  replaceEngineWorker(cause, why);
  const { model: lastModel, image: lastImage } = getApp().lastGood;
  setApp({ modelBusy: { label: 'restarting the engine', fraction: null }, engineRestarted: null, deviceLost: null });
  try {
    const backend = await engine().call('init', { prefer: backendPreference() });
    const loaded = lastModel
      ? await engine().call('loadModel', { source: lastModel }, (fraction, label) => setApp({ modelBusy: { label: `restarting: ${label}`, fraction } }))
      : null;
    const image = lastImage ? await engine().call('setImage', { source: lastImage }) : (loaded?.image ?? null);
    const kept = [loaded && `the model ${loaded.model.title}`, image && `the image “${image.name}”`].filter(Boolean).join(' and ');
    setApp({
      backend,
      model: loaded && lastModel ? { ...loaded.model, id: sourceId(lastModel) } : null,
      image,
      modelBusy: null,
      engineRestarted: `${why}. The engine was restarted${kept ? ` with ${kept} from before` : ''}.`,
    });
  } catch (e) {
    // A newer restart took over; anything else leaves the page without an engine, and says so.
    if (!isEngineRestart(e)) setApp({ modelBusy: null, backendError: `the engine could not be restarted: ${errorText(e)}` });
  }
}
