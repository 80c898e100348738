// Loading a model (bundled, cached, dropped file, random), with monotonic progress, and rebuilding it after a lost device.
import { stageSize } from '../../../engine/config';
import { EngineStateError } from '../../../engine/errors';
import { checkResampleSize } from '../../../engine/image';
import { buildModel } from '../../../engine/models/model';
import { randomWeights } from '../../../engine/models/randomWeights';
import { loadModelFile, toWebFormat, type LoadedModelFile } from '../../../engine/weights';
import { countedModel } from '../countedModel';
import { fetchBytes, fileOfUrl, MAX_MODEL_BYTES, overLimit } from '../download';
import { ModelLoadProgress, type Progress } from '../loadProgress';
import { loadConverted, saveConverted } from '../modelCache';
import { convertedFileKey, MODEL_FILE, type ModelInfo, type ModelSource } from '../protocol';
import { RANDOM_MODELS } from '../randomModels';
import { rebuildInput, type EngineState } from '../state';

interface ReadModel {
  m: LoadedModelFile;
  id: string;
  title: string;
}

async function readBundled(source: Extract<ModelSource, { kind: 'bundled' }>, p: ModelLoadProgress): Promise<ReadModel> {
  const name = fileOfUrl(source.entry.file);
  const bytes = await fetchBytes(source.entry.file, { started: (total) => p.downloadStarted(total), bytes: (loaded, total) => p.bytes('download', loaded, total) });
  // The bytes are all in: parsing them moves the bar, not the byte count.
  const m = await loadModelFile(bytes, name, { onProgress: (f) => p.phase('read', f) });
  return { m, id: source.entry.id, title: source.entry.title };
}

async function readCached(id: string, p: ModelLoadProgress): Promise<ReadModel> {
  const row = await loadConverted(id);
  if (!row) throw new EngineStateError(id, 'the converted model is no longer in the browser cache', 'unreadable');
  const size = row.data.byteLength;
  const m = await loadModelFile(row.data, `${row.title}.safetensors`, { onProgress: (f) => p.bytes('read', Math.round(f * size), size) });
  return { m, id, title: row.title };
}

async function readDropped(file: File, p: ModelLoadProgress): Promise<ReadModel> {
  if (file.size > MAX_MODEL_BYTES) throw overLimit(file.name, file.size);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const m = await loadModelFile(bytes, file.name, { onProgress: (f) => p.bytes('read', Math.round(f * file.size), file.size) });
  const id = convertedFileKey(file.name, file.size);
  const title = file.name.replace(MODEL_FILE, '');
  p.phase('save');
  try {
    await saveConverted(id, title, /\.safetensors$/i.test(file.name) ? bytes : toWebFormat(m));
  } catch (e) {
    console.warn('could not cache the converted model', e);
  }
  return { m, id, title };
}

function readRandom(id: string): ReadModel {
  const spec = RANDOM_MODELS.find((r) => r.id === id);
  if (!spec) throw new EngineStateError(id, 'unknown random model');
  const m: LoadedModelFile = {
    config: spec.config,
    weights: randomWeights(spec.config, spec.seed),
    // i18n: verbatim (a developer model's class labels are data, as a model file's are)
    labels: Array.from({ length: spec.config.numClasses }, (_, i) => `class ${i}`),
    preprocessing: spec.preprocessing,
    // i18n: verbatim (provenance is data, as a model file's own)
    provenance: { weights: `random, seed ${spec.seed} (untrained)` },
  };
  return { m, id: spec.id, title: spec.title };
}

/** The name a source's progress events carry. */
function sourceFile(source: ModelSource): string {
  switch (source.kind) {
    case 'bundled': return fileOfUrl(source.entry.file);
    case 'file': return source.file.name;
    case 'cached':
    case 'random': return source.id;
  }
}

function readModel(source: ModelSource, p: ModelLoadProgress): Promise<ReadModel> {
  switch (source.kind) {
    case 'bundled': return readBundled(source, p);
    case 'cached': return readCached(source.id, p);
    case 'file': return readDropped(source.file, p);
    case 'random': return Promise.resolve(readRandom(source.id));
  }
}

/** Loads a model; on any failure the previous model, image and input stay. */
export async function loadModel(state: EngineState, source: ModelSource, progress: Progress): Promise<ModelInfo> {
  const p = new ModelLoadProgress(progress, source.kind, sourceFile(source));
  p.initiate(source.kind === 'file' ? source.file.size : 0);
  const { m, id, title } = await readModel(source, p);
  p.phase('build');
  const built = buildModel(m.config, m.weights); // throws ModelBuildError; the previous model stays
  const s = m.preprocessing.inputSize;
  // On WebGPU every pipeline of a forward pass is compiled now, in parallel, not one by one in the first predict
  // (bundled model on SwiftShader, a fresh page: 1.0-1.2 instead of 1.2-1.4 s to the first result, BENCHMARKS.md).
  p.phase('compile');
  try {
    await built.precompile([1, s, s, 3]);
  } catch (e) {
    built.dispose(); // the previous model stays
    throw e;
  }
  const info: ModelInfo = {
    id, title, config: m.config, parameters: built.numParameters(), labels: m.labels,
    preprocessing: m.preprocessing, provenance: m.provenance,
    stageSides: m.config.dims.map((_, i) => stageSize(s, i)),
  };
  state.forwards.clear();
  state.loaded?.model.dispose();
  state.loaded = { model: countedModel(built, state.passes), info, weights: m.weights };
  // An image whose resampling this model's preprocessing cannot bound is dropped, not half-used.
  if (state.image) {
    try {
      checkResampleSize(state.image.rgba.width, state.image.rgba.height, m.preprocessing, state.image.name);
    } catch {
      state.image = null;
    }
  }
  rebuildInput(state);
  p.done();
  return info;
}

/** After a lost device: every tensor is gone; rebuild the model and the input on the new backend. */
export function rebuildAfterDeviceLoss(state: EngineState): void {
  if (!state.loaded) return;
  const { info, weights, model } = state.loaded;
  try {
    // Release the old tensors' bookkeeping; their GPU buffers went with the device.
    state.forwards.clear();
    model.dispose();
    state.input?.dispose();
  } catch (e) {
    console.warn('disposing tensors of the lost device failed', e);
  }
  state.input = null;
  state.loaded = { model: countedModel(buildModel(info.config, weights), state.passes), info, weights };
  rebuildInput(state, true);
}
