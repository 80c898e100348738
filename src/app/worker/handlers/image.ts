// The image: decoding it, the model input made from it (state.ts rebuildInput), and its display copy.
import { preprocess, type RgbImage } from '../../../engine/image';
import { decodeImageBytes } from '../decodeImage';
import { fetchBytes } from '../download';
import type { ImageInfo, ImageSource } from '../protocol';
import { rebuildInput, type EngineState } from '../state';

/** The model input as the model sees it, back in RGBA bytes (the page shows it beside the original). */
function modelInputForDisplay(state: EngineState): { data: Uint8ClampedArray; size: number } {
  const { image, loaded } = state;
  if (!image || !loaded) return { data: new Uint8ClampedArray(0), size: 0 };
  const pp = loaded.info.preprocessing;
  const p = preprocess(image.rgba, pp);
  const s = pp.inputSize;
  const out = new Uint8ClampedArray(s * s * 4);
  for (let i = 0; i < s * s; i++) {
    for (let c = 0; c < 3; c++) out[4 * i + c] = Math.round((p.data[3 * i + c] * pp.std[c] + pp.mean[c]) * 255);
    out[4 * i + 3] = 255;
  }
  return { data: out, size: s };
}

export function currentImageInfo(state: EngineState): ImageInfo | null {
  const { image } = state;
  if (!image) return null;
  const { data, size } = modelInputForDisplay(state);
  return { id: state.inputId, name: image.name, width: image.rgba.width, height: image.rgba.height, modelInput: data, inputSize: size };
}

/** An image already decoded to RGBA pixels (Node tests decode with the command line's pngjs). */
export function setDecodedImage(state: EngineState, rgba: RgbImage, name: string): ImageInfo {
  state.image = { rgba, name };
  rebuildInput(state);
  return currentImageInfo(state)!;
}

/** Decodes and takes an image; a broken one throws ImageInputError (file, code) and the previous image stays. */
export async function setImage(state: EngineState, bytes: Uint8Array, name: string): Promise<ImageInfo> {
  return setDecodedImage(state, await decodeImageBytes(bytes, name, state.loaded?.info.preprocessing), name);
}

export async function setImageFromSource(state: EngineState, source: ImageSource): Promise<ImageInfo> {
  const bytes = source.kind === 'url' ? await fetchBytes(source.url) : new Uint8Array(await source.file.arrayBuffer());
  return setImage(state, bytes, source.name);
}
