// The full-resolution view's engine query: the frame stack for the image, the settings (#fr=) and, in block mode,
// the chosen block and its stage's diffusivity scale; the frames become ImageBitmaps (drawn without copying pixels
// on every animation frame). A newer request makes the worker drop the running one at its next frame (ticket).
import { defaultFullResSide, FULL_RES_DEFAULT_SIDE } from '../../../engine/analysis/fullResolutionHeat';
import { stageScale } from '../../../engine/models/diffusivityScale';
import { engine } from '../../engine';
import { tFor } from '../../i18n/i18n';
import { defineQuery } from '../../query/query';
import type { AppState } from '../../store';
import type { BackendInfo, FullResMode, FullResRequest, FullResResult } from '../../worker/protocol';

export interface FullResFrames {
  result: FullResResult;
  spectral: ImageBitmap[];
  explicit: ImageBitmap[] | null;
}

/** t = 0 and 25 log-spaced times, 6 per decade from 0.01 to 100. */
export const FRAMES = 26;
/** HcNet: the last frame's explicit step count (each step is a few GPU dispatches: 300 took minutes on a loaded SwiftShader). */
const MAX_STEPS = 100;
/** Default long-side cap for the engine's path (engine/analysis/fullResolutionHeat.ts: set from each path's own
 *  timings, BENCHMARKS.md fullres-heat runs 2 and 3); before the backend is known, the software-adapter one. */
export function defaultSide(b: BackendInfo | null): number {
  return b ? defaultFullResSide(b.backend, b.softwareAdapter) : FULL_RES_DEFAULT_SIDE.softwareGpu;
}

/** The engine runs on a hardware GPU: WebGPU on an adapter that is not a software one. */
export const onHardwareGpu = (b: BackendInfo | null) => b !== null && b.backend === 'webgpu' && !b.softwareAdapter;

async function toBitmaps(frames: Uint8ClampedArray[], width: number, height: number): Promise<ImageBitmap[]> {
  return Promise.all(frames.map((f) => createImageBitmap(new ImageData(f as Uint8ClampedArray<ArrayBuffer>, width, height))));
}

function closeAll(f: FullResFrames): void {
  f.spectral.forEach((b) => b.close());
  f.explicit?.forEach((b) => b.close());
}

/** What the worker is asked for this state of the store (null: no image yet). */
export function fullResRequest(s: AppState): Omit<FullResRequest, 'ticket'> | null {
  if (!s.image) return null;
  const { model, stage, block, fullRes } = s;
  let mode: FullResMode = { kind: 'uniform', k: fullRes.k };
  if (fullRes.mode === 'block' && model) {
    mode = model.config.family === 'vheat'
      ? { kind: 'learned', stage, block, channel: null, diffusivity: s.diffusivity }
      : { kind: 'hcnet', stage, block, alphaScale: stageScale(s.diffusivity, stage, model.config.depths.length) };
  }
  const maxSide = fullRes.maxSide ?? defaultSide(s.backend);
  return { mode, maxSide, frames: FRAMES, maxSteps: MAX_STEPS };
}

let nextTicket = 1;

export const fullResQuery = defineQuery({
  name: 'the full-resolution frames',
  // Read at each request: the label follows the page's language.
  get busy() {
    const t = tFor('fullres');
    return { label: t('busy.starting'), fraction: 0 };
  },
  request: fullResRequest,
  // The request by value: a slider step changes nothing here unless an HcNet block is shown.
  key: (r, s) => [s.image?.id, s.model?.id, JSON.stringify(r)],
  dispose: closeAll,
  run: async (r, run) => {
    const result = await engine().call('fullResHeat', { ...r, ticket: nextTicket++ }, (fraction, label) => run.progress(fraction, label));
    const spectral = await toBitmaps(result.frames, result.width, result.height);
    const explicit = result.explicitFrames ? await toBitmaps(result.explicitFrames, result.width, result.height) : null;
    return { result, spectral, explicit };
  },
});
