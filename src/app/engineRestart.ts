// When the engine worker has to go (the user stopped a long load, or the worker failed outside any request), a
// fresh worker takes its place and is given the last model and image that loaded: a huge or hostile file never
// leaves the page without a working engine.
import { backendPreference, errorText, modelBeingLoaded, showBackend, sourceId, sourceTitle } from './actions';
import { tFor } from './i18n/i18n';
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
    const t = tFor('errors');
    if (failures.length > MAX_FAILURES) {
      setApp({ backendError: t('restart.keepsFailing', { failures: failures.length, message }) });
      return;
    }
    void restartEngine('failed', t('restart.failed', { message }));
  };
}

/** The user's way out of a model load that takes too long: the worker is stopped mid-task. */
export function stopModelLoad(): Promise<void> {
  const source = modelBeingLoaded();
  const t = tFor('errors');
  return restartEngine('stopped', source ? t('restart.stopped', { model: sourceTitle(source) }) : t('restart.stoppedUnnamed'));
}

/** Replaces the worker and gives the new one the backend, the last good model and the last good image. */
export async function restartEngine(cause: RestartCause, why: string): Promise<void> {
  replaceEngineWorker(cause, why);
  const { model: lastModel, image: lastImage } = getApp().lastGood;
  const t = tFor('errors');
  setApp({ modelBusy: { label: tFor('common')('restarting'), fraction: null }, engineRestarted: null, deviceLost: null });
  try {
    showBackend(await engine().call('init', { prefer: backendPreference() }));
    const loaded = lastModel
      ? await engine().call('loadModel', { source: lastModel }, (fraction, label) => setApp({ modelBusy: { label: tFor('common')('restartingStep', { step: label }), fraction } }))
      : null;
    const image = lastImage ? await engine().call('setImage', { source: lastImage }) : (loaded?.image ?? null);
    setApp({
      model: loaded && lastModel ? { ...loaded.model, id: sourceId(lastModel) } : null,
      image,
      modelBusy: null,
      engineRestarted: restartNotice(why, loaded?.model.title, image?.name),
    });
  } catch (e) {
    // A newer restart took over; anything else leaves the page without an engine, and says so.
    if (!isEngineRestart(e)) setApp({ modelBusy: null, backendError: t('restart.impossible', { error: errorText(e) }) });
  }
}

/** Why the engine was restarted, and what it was given back (the model, the image, both or neither). */
function restartNotice(why: string, model: string | undefined, image: string | undefined): string {
  const t = tFor('errors');
  const kept = model && image ? t('restart.keptBoth', { model, image }) : model ? t('restart.keptModel', { model }) : image ? t('restart.keptImage', { image }) : '';
  return kept ? t('restart.noticeKept', { why, kept }) : t('restart.notice', { why });
}
