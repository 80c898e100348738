// What the UI can do: the only writes to the store besides the engine restart. Views call these; engine results
// never come back here (each view reads its query, src/app/query). The URL follows the shareable state.
import { engine } from './engine';
import { isEngineRestart } from './engineClient';
import { formatFullResHash, formatUrlState, parseFullResHash, parseUrlState, type FullResSettings } from './url/urlState';
import { getApp, initialDiffusivity, setApp, useApp, type AppState, type SampleImage } from './store';
import { DEFAULT_CHANNEL_MODE, type ChannelMode } from './worker/protocol';
import { RANDOM_MODELS } from './worker/randomModels';
import {
  cachedModelId, cacheKeyOfModelId, convertedFileKey, MODEL_FILE, type BundledModelEntry, type ErfResult, type ImageSource, type ModelSource,
} from './worker/protocol';

import { errorText } from './errorText';
import { changeLanguage, tFor } from './i18n/i18n';
import { detectLanguage, type Language } from './i18n/language';
import { describeBackend } from './i18n/workerText';
import type { BackendReport } from './worker/protocol';

export { errorText };

/** Model id as it appears in the picker and the URL. */
export function sourceId(source: ModelSource): string {
  switch (source.kind) {
    case 'bundled': return source.entry.id;
    case 'cached': return cachedModelId(source.id);
    case 'random': return source.id;
    case 'file': return cachedModelId(convertedFileKey(source.file.name, source.file.size));
  }
}

/** The source of a model id from the URL; null when it names no model known here. */
export function sourceFromId(id: string): ModelSource | null {
  const cacheKey = cacheKeyOfModelId(id);
  if (cacheKey !== null) return { kind: 'cached', id: cacheKey };
  const entry = getApp().bundledModels.find((m) => m.id === id);
  if (entry) return { kind: 'bundled', entry };
  if (devEntries() && RANDOM_MODELS.some((r) => r.id === id)) return { kind: 'random', id };
  return null;
}

async function fetchJson<T>(url: string, fallback: T): Promise<T> {
  try {
    const res = await fetch(url);
    if (!res.ok) return fallback;
    return (await res.json()) as T;
  } catch {
    return fallback;
  }
}

/** What a model source is called in messages: its title or file name. */
export function sourceTitle(source: ModelSource): string {
  switch (source.kind) {
    case 'bundled': return source.entry.title;
    case 'cached': return getApp().cachedModels.find((c) => c.id === source.id)?.title ?? source.id;
    case 'file': return source.file.name;
    case 'random': return RANDOM_MODELS.find((r) => r.id === source.id)?.title ?? source.id;
  }
}

let loading: ModelSource | null = null;

/** The model being loaded now, if any (what a stop would stop). */
export function modelBeingLoaded(): ModelSource | null {
  return loading;
}

export async function loadModel(source: ModelSource): Promise<boolean> {
  loading = source;
  setApp({ modelBusy: { label: tFor('common')('loadingModel'), fraction: 0 } });
  try {
    const { model: info, image } = await engine().call('loadModel', { source }, (fraction, label) => setApp({ modelBusy: { label, fraction } }));
    const stages = info.config.dims.length;
    const { diffusivity, stage, block } = getApp();
    const perStage = diffusivity.perStage.length === stages ? diffusivity.perStage : initialDiffusivity(stages).perStage;
    const st = Math.min(stage, stages - 1);
    setApp({
      model: { ...info, id: sourceId(source) },
      modelBusy: null,
      diffusivity: { global: diffusivity.global, perStage },
      stage: st,
      block: Math.min(block, info.config.depths[st] - 1),
      // The model input depends on the model's preprocessing: the worker re-made it.
      image: image ?? getApp().image,
      // A model that loads clears the last input error (at most one input error stands at a time).
      modelError: null,
      imageError: null,
      engineRestarted: null,
      lastGood: { ...getApp().lastGood, model: source },
    });
    if (source.kind === 'file') setApp({ cachedModels: await engine().call('listCachedModels', {}) });
    return true;
  } catch (e) {
    // A replaced worker: the restart owns the model state (it is loading the last good model again).
    if (!isEngineRestart(e)) setApp({ modelBusy: null, modelError: errorText(e), imageError: null });
    return false;
  } finally {
    if (loading === source) loading = null;
  }
}

async function loadImage(source: ImageSource, choice: string | null, originalUrl: string): Promise<void> {
  setApp({ imageBusy: true });
  try {
    const image = await engine().call('setImage', { source });
    const old = getApp().originalUrl;
    if (old?.startsWith('blob:') && old !== originalUrl) URL.revokeObjectURL(old);
    setApp({
      image, imageChoice: choice, originalUrl, imageBusy: false, imageError: null, modelError: null, engineRestarted: null,
      lastGood: { ...getApp().lastGood, image: source },
    });
  } catch (e) {
    // The previous image and results stay (after a worker restart, the restart gives them back).
    if (originalUrl.startsWith('blob:')) URL.revokeObjectURL(originalUrl);
    setApp(isEngineRestart(e) ? { imageBusy: false } : { imageBusy: false, imageError: errorText(e), modelError: null });
  }
}

export function loadSample(sample: SampleImage): Promise<void> {
  return loadImage({ kind: 'url', url: sample.url, name: sample.title }, sample.id, sample.url);
}

export function loadImageFile(file: File): Promise<void> {
  const url = URL.createObjectURL(file);
  return loadImage({ kind: 'file', file, name: file.name || tFor('common')('pastedImage') }, null, url);
}

/** A dropped or picked file: checkpoints go to the model picker, everything else is tried as an image. */
export async function openFile(file: File): Promise<void> {
  if (MODEL_FILE.test(file.name)) await loadModel({ kind: 'file', file });
  else await loadImageFile(file);
}

export function setGlobalDiffusivity(global: number): void {
  setApp((s) => ({ diffusivity: { ...s.diffusivity, global } }));
}

export function setStageDiffusivity(stage: number, value: number): void {
  setApp((s) => ({ diffusivity: { ...s.diffusivity, perStage: s.diffusivity.perStage.map((v, i) => (i === stage ? value : v)) } }));
}

export function resetDiffusivity(): void {
  setApp((s) => ({ diffusivity: initialDiffusivity(s.diffusivity.perStage.length) }));
}

export function selectBlock(stage: number, block: number): void {
  setApp({ stage, block });
}

export function setProbe(row: number, col: number): void {
  setApp({ probe: { row, col } });
}

/**
 * The paper's ERF at the current stage: the centre cell's gradients averaged over the sample images. The caller
 * shows it in its own figure: it is not the current image's ERF, so the store's `erf` is left alone.
 */
export function averageErf(onProgress: (fraction: number, label: string) => void): Promise<ErfResult> {
  const { stage, diffusivity, samples } = getApp();
  return engine().call('erfAverage', { stage, urls: samples.map((s) => s.url), diffusivity }, onProgress);
}

/** A result after a device loss means the worker recovered; a successful prediction clears old input errors. */
export function engineAnswered(): void {
  const { deviceLost, imageError, modelError } = getApp();
  if (deviceLost !== null || imageError !== null || modelError !== null) setApp({ deviceLost: null, imageError: null, modelError: null });
}

export function setHeatTime(heatTime: number): void {
  setApp({ heatTime });
}

export function setOperatorFrequency(operatorFrequency: { n: number; m: number } | null): void {
  setApp({ operatorFrequency });
}

export function setChannelMode(channelMode: ChannelMode): void {
  setApp({ channelMode });
}

export function setFrameScaling(frameScaling: AppState['frameScaling']): void {
  setApp({ frameScaling });
}

export function setOverlayOpacity(overlayOpacity: number): void {
  setApp({ overlayOpacity });
}

export function setSmooth(smooth: boolean): void {
  setApp({ smooth });
}

/** Where the heat view's point of heat sits (a cell of the stage's map). */
export function setHeatPoint(row: number, col: number): void {
  setApp({ heatPoint: { row, col } });
}

export function setFullRes(patch: Partial<FullResSettings>): void {
  setApp((s) => ({ fullRes: { ...s.fullRes, ...patch } }));
}

/** Removes a converted model from the browser's cache; the picker lists what is left. */
export async function deleteCachedModel(id: string): Promise<void> {
  setApp({ cachedModels: await engine().call('deleteCachedModel', { id }) });
}

/** A model file on its way before the worker sees it (the official models' download through the page's server). */
export function setModelDownload(modelBusy: AppState['modelBusy']): void {
  setApp({ modelBusy });
}

export function setModelError(modelError: string | null): void {
  setApp({ modelError });
}

/** The backend the worker reported, kept to show it again in another language. */
let backendReport: BackendReport | null = null;

/** Shows the worker's backend report (its reasons in the page's language). */
export function showBackend(report: BackendReport): void {
  backendReport = report;
  setApp({ backend: describeBackend(report) });
}

/** The device's own message, or ours when it gives none. */
function deviceLostText(message: string): string {
  return message || tFor('worker')('deviceLost');
}

/** The language the page opens in: ?lang=, else the browser's languages, else English; the URL keeps a ?lang= it came with. */
export function startLanguage(): void {
  const fromUrl = parseUrlState(window.location.search).lang;
  applyLanguage(detectLanguage(fromUrl, navigator.languages), fromUrl !== undefined);
}

/** The reader's choice of language: shown at once, and kept in the URL from now on. */
export function setLanguage(language: Language): void {
  applyLanguage(language, true);
}

function applyLanguage(language: Language, inUrl: boolean): void {
  changeLanguage(language);
  if (typeof document !== 'undefined') document.title = tFor('common')('documentTitle');
  setApp({ language, languageInUrl: inUrl || getApp().languageInUrl });
  // What the worker reported is shown again in the new language (the rest re-renders with react-i18next).
  if (backendReport) setApp({ backend: describeBackend(backendReport) });
}

export function dismissRestartNotice(): void {
  setApp({ engineRestarted: null });
}

/** Developer entries (random-weight models) are offered only behind the ?dev URL flag. */
export function devEntries(): boolean {
  return typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('dev');
}

function syncUrl(): void {
  const s = getApp();
  const search = formatUrlState({
    model: s.model?.id, image: s.imageChoice ?? undefined, global: s.diffusivity.global, perStage: s.diffusivity.perStage, stage: s.stage, block: s.block,
    channelMode: s.channelMode, heatTime: s.heatTime, frameScaling: s.frameScaling, probe: s.probe ?? undefined, smooth: s.smooth,
    overlayOpacity: s.overlayOpacity, dev: devEntries(), forceWebgpu: parseUrlState(window.location.search).forceWebgpu,
    lang: s.languageInUrl ? s.language : undefined,
  });
  // The hash holds the full-resolution view's settings once that view is on the page (it is, with an image).
  const hash = s.image ? formatFullResHash(s.fullRes) : window.location.hash;
  if (search !== window.location.search || hash !== window.location.hash) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${hash}`);
  }
}

/** ?backend=webgpu: WebGPU whenever there is an adapter, even where the CPU path is faster (e2e, comparisons). */
export function backendPreference(): 'webgpu' | 'auto' {
  return typeof window !== 'undefined' && parseUrlState(window.location.search).forceWebgpu ? 'webgpu' : 'auto';
}

let started = false;

export async function startApp(): Promise<void> {
  if (started) return;
  started = true;
  const url = parseUrlState(window.location.search);
  engine().onDeviceLost = (message) => setApp({ deviceLost: deviceLostText(message) });
  // Test hook (dev server only): lets the end-to-end tests read tensor counts and simulate a device loss.
  if (import.meta.env.DEV) (window as Window & { heatLabEngine?: unknown }).heatLabEngine = engine();

  useApp.subscribe((s, prev) => {
    const shared: (keyof AppState)[] = ['model', 'image', 'imageChoice', 'diffusivity', 'stage', 'block', 'channelMode', 'heatTime', 'frameScaling', 'probe', 'smooth', 'overlayOpacity', 'fullRes', 'language', 'languageInUrl'];
    if (shared.some((k) => s[k] !== prev[k])) syncUrl();
  });

  try {
    showBackend(await engine().call('init', { prefer: backendPreference() }));
  } catch (e) {
    setApp({ backendError: errorText(e) });
    return;
  }
  const [bundledModels, sampleList, cachedModels] = await Promise.all([
    fetchJson<BundledModelEntry[]>('models/index.json', []),
    fetchJson<{ file: string; title: string; kind: string }[]>('samples/photos/index.json', []),
    engine().call('listCachedModels', {}).catch(() => []),
  ]);
  // Absolute URLs: the worker resolves relative ones against its own script URL.
  const abs = (path: string) => new URL(path, document.baseURI).href;
  const samples: SampleImage[] = sampleList.map((p) => ({
    id: `${p.kind}:${p.file.split('/').pop()!.replace(/\.\w+$/, '')}`,
    title: p.title,
    url: abs(`samples/${p.file}`),
  }));
  setApp({
    bundledModels: bundledModels.map((m) => ({ ...m, file: abs(m.file.includes('/') ? m.file : `models/${m.file}`) })),
    cachedModels,
    samples,
    stage: url.stage ?? 0,
    block: url.block ?? 0,
    channelMode: url.channelMode ?? DEFAULT_CHANNEL_MODE,
    heatTime: url.heatTime ?? 0,
    frameScaling: url.frameScaling ?? 'shared',
    probe: url.probe ?? null,
    smooth: url.smooth ?? false,
    overlayOpacity: url.overlayOpacity ?? 0.6,
    diffusivity: { global: url.global ?? 1, perStage: url.perStage ?? initialDiffusivity(4).perStage },
    fullRes: parseFullResHash(window.location.hash),
  });
  const first: ModelSource | null =
    (url.model ? sourceFromId(url.model) : null) ??
    (getApp().bundledModels[0] ? { kind: 'bundled', entry: getApp().bundledModels[0] } : null) ??
    (devEntries() ? { kind: 'random', id: RANDOM_MODELS[0].id } : null);
  if (first) await loadModel(first);
  else setApp({ modelError: tFor('errors')('noBundledModel', { file: 'models/index.json' }) });
  // The first impression: an image the model knows (a sample of its own data set), unless the URL names one.
  const kind = getApp().bundledModels.find((m) => m.id === getApp().model?.id)?.samples;
  const sample = samples.find((s) => s.id === url.image) ?? samples.find((s) => kind !== undefined && s.id.startsWith(`${kind}:`)) ?? samples[0];
  // Only if the user has not dropped, pasted or picked an image while the model was loading: theirs wins.
  const { image, imageBusy } = getApp();
  if (sample && image === null && !imageBusy) await loadSample(sample);
}
