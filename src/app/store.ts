// App state (zustand): what the user chose (model, image, sliders, selection, view settings) and the engine's
// status. Engine results do not live here: each view reads them from its query (src/app/query, features/*/queries).
import { create } from 'zustand';
import type { Language } from './i18n/language';
import { FULL_RES_DEFAULTS, type FullResSettings } from './url/urlState';
import { DEFAULT_CHANNEL_MODE, type BackendInfo, type BundledModelEntry, type CachedModel, type ChannelMode, type DiffusivityScale, type ImageInfo, type ImageSource, type ModelInfo, type ModelSource } from './worker/protocol';

export interface Busy {
  label: string;
  fraction: number | null;
}

export interface SampleImage {
  id: string;
  title: string;
  url: string;
}

export interface AppState {
  /** The page's language, and whether the URL keeps it (the reader chose it, or arrived with ?lang=). */
  language: Language;
  languageInUrl: boolean;
  backend: BackendInfo | null;
  backendError: string | null;
  deviceLost: string | null;
  /** Why the engine worker was replaced, and what it was given back (shown until the next model or image loads). */
  engineRestarted: string | null;
  /** The last model and image that loaded: what a fresh engine worker is given after a restart. */
  lastGood: { model: ModelSource | null; image: ImageSource | null };

  bundledModels: BundledModelEntry[];
  cachedModels: CachedModel[];
  model: ModelInfo | null;
  modelBusy: Busy | null;
  modelError: string | null;

  samples: SampleImage[];
  /** Sample id for the URL; null for a dropped/pasted image. */
  imageChoice: string | null;
  image: ImageInfo | null;
  /** Object URL of the original image for display. */
  originalUrl: string | null;
  imageBusy: boolean;
  imageError: string | null;

  diffusivity: DiffusivityScale;
  stage: number;
  block: number;
  channelMode: ChannelMode;

  /** Heat view: the time (vHeat t, HcNet steps) shown, and one colour scale for all frames or one per frame. */
  heatTime: number;
  /** Heat view: the DCT frequency (row n, column m) hovered or focused in the operator's pictures (null: none). */
  operatorFrequency: { n: number; m: number } | null;
  frameScaling: 'shared' | 'per-frame';
  /** How maps are drawn: smooth (bilinear) or nearest (pixelated), and the opacity of overlays on the image. */
  smooth: boolean;
  overlayOpacity: number;

  /** Clicked input pixel for the ERF and point response (model input coordinates). */
  probe: { row: number; col: number } | null;
  /** Heat view: the cell of the stage's map where a point of heat is placed (null: the map's centre). */
  heatPoint: { row: number; col: number } | null;
  /** The full-resolution view's settings (in the URL's #fr= hash). */
  fullRes: FullResSettings;
}

export const initialDiffusivity = (stages: number): DiffusivityScale => ({ global: 1, perStage: Array.from({ length: stages }, () => 1) });

export const useApp = create<AppState>(() => ({
  language: 'en',
  languageInUrl: false,
  backend: null,
  backendError: null,
  deviceLost: null,
  engineRestarted: null,
  lastGood: { model: null, image: null },
  bundledModels: [],
  cachedModels: [],
  model: null,
  modelBusy: null,
  modelError: null,
  samples: [],
  imageChoice: null,
  image: null,
  originalUrl: null,
  imageBusy: false,
  imageError: null,
  diffusivity: initialDiffusivity(4),
  stage: 0,
  block: 0,
  channelMode: DEFAULT_CHANNEL_MODE,
  heatTime: 0,
  operatorFrequency: null,
  frameScaling: 'shared',
  smooth: false,
  overlayOpacity: 0.6,
  probe: null,
  heatPoint: null,
  fullRes: FULL_RES_DEFAULTS,
}));

export const setApp = useApp.setState;
export const getApp = useApp.getState;
