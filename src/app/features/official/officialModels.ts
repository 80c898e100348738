// The official ImageNet-1k vHeat models in the page's model list. Served by the project's own servers (`npm run dev`,
// `npm run preview`: tools/vite/officialModelsRoute.ts), a model downloads through that server once, with its
// progress, is converted in the worker and kept in the browser cache (IndexedDB, like a dropped file), which is where
// it loads from the next time. On a static host there is no route (the probe says so) and the page says how to get
// the file instead (`vheat fetch`, then drop it).
import { create } from 'zustand';
import { InputError } from '../../../engine/errors';
import { OFFICIAL_CHECKPOINTS, type OfficialCheckpoint } from '../../../engine/weights/officialCheckpoints';
import { errorText, loadModel, setModelDownload, setModelError } from '../../actions';
import { formatPercent, tFor } from '../../i18n/i18n';
import { getApp } from '../../store';

/** Relative to the page (a build served under a sub-path keeps working). */
const ROUTE = 'api/official-models/';
const ID_PREFIX = 'official:';

interface OfficialState {
  /** 'server': this page's server downloads the models; 'static': it cannot (a plain static host). */
  route: 'probing' | 'server' | 'static';
}

export const useOfficial = create<OfficialState>(() => ({ route: 'probing' }));

/** Asks the page's server for the route; anything but its JSON list means a static host. */
export async function probeOfficialRoute(): Promise<void> {
  try {
    const res = await fetch(`${ROUTE}index.json`);
    const json = res.ok && (res.headers.get('content-type') ?? '').includes('json');
    useOfficial.setState({ route: json && Array.isArray(await res.json()) ? 'server' : 'static' });
  } catch {
    useOfficial.setState({ route: 'static' });
  }
}

/** The command that downloads and converts an official checkpoint (src/cli's `vheat fetch`), as its words. */
const FETCH_COMMAND = ['npx', 'vheat', 'fetch'];
export const fetchCommand = (name: string) => [...FETCH_COMMAND, name].join(' ');

export const officialId = (c: OfficialCheckpoint) => `${ID_PREFIX}${c.name}`;
export const officialOfId = (id: string) => (id.startsWith(ID_PREFIX) ? OFFICIAL_CHECKPOINTS.find((c) => officialId(c) === id) : undefined);

export function officialTitle(c: OfficialCheckpoint): string {
  const t = tFor('official');
  return t('title', { title: c.title, top1: formatPercent(c.top1 / 100, 1), size: c.approxMB });
}

/** The converted model in this browser's cache (saved under the dropped or downloaded file's name). */
export function cachedOfficial(c: OfficialCheckpoint) {
  const stem = c.file.replace(/\.pth$/, '').toLowerCase();
  return getApp().cachedModels.find((m) => m.title.toLowerCase() === stem);
}

/** Reads the route's stream into a File, reporting the fraction received. */
async function downloadThroughServer(c: OfficialCheckpoint, progress: (f: number | null) => void): Promise<File> {
  const res = await fetch(`${ROUTE}${c.name}`);
  if (!res.ok || !res.body) throw new InputError(c.file, (await res.text()).replace(/^[^:]*: /, '') || `the server answered HTTP ${res.status}`, 'network');
  const total = Number(res.headers.get('content-length') ?? 0);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let got = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      got += value.byteLength;
      progress(total > 0 ? got / total : null);
    }
  } catch {
    throw new InputError(c.file, `the download through this page's server broke off after ${(got / 1e6).toFixed(1)} MB (the server's log says why); try again`, 'network');
  }
  return new File(chunks, res.headers.get('x-model-file') ?? c.file);
}

/** Loads an official model: from the browser cache, else through the server; on a static host, says what to do. */
export async function loadOfficial(c: OfficialCheckpoint): Promise<boolean> {
  const t = tFor('official');
  const cached = cachedOfficial(c);
  if (cached) return loadModel({ kind: 'cached', id: cached.id });
  if (useOfficial.getState().route !== 'server') {
    setModelError(t('staticError', { title: c.title, command: fetchCommand(c.name) }));
    return false;
  }
  const label = t('downloading', { title: c.title, file: c.file });
  setModelDownload({ label, fraction: 0 });
  setModelError(null);
  try {
    const file = await downloadThroughServer(c, (fraction) => setModelDownload({ label, fraction }));
    return await loadModel({ kind: 'file', file });
  } catch (e) {
    setModelDownload(null);
    setModelError(errorText(e));
    return false;
  }
}
