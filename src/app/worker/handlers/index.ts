// One handler per request the engine state serves, each taking the state object: the table engineWorker.ts runs
// requests through, and tests call the same table with their own state.
import type { Progress } from '../loadProgress';
import type { RequestMap } from '../protocol';
import { memory, type EngineState } from '../state';
import { comparisonErf, comparisonErfAverage } from './compare';
import { erf, erfAverage } from './erf';
import { fullResolutionHeat } from './fullResolution';
import { blockThumbs, channelConductionOf, frequencyDecayOf, heatFrames, operatorStepsOf, pointResponse, spectrum } from './heat';
import { currentImageInfo, setImageFromSource } from './image';
import { loadModel } from './model';
import { predict } from './prediction';

/** Requests served from the engine state (the backend, the model cache and the test hooks are the worker's own). */
export type StateRequestType =
  | 'loadModel' | 'setImage' | 'predict' | 'blockThumbs' | 'heatFrames' | 'spectrum' | 'pointResponse' | 'channelConduction' | 'operatorSteps' | 'frequencyDecay' | 'erf' | 'erfAverage' | 'comparisonErf' | 'comparisonErfAverage' | 'fullResHeat' | 'memory';

export type StateHandlers = { [K in StateRequestType]: (req: RequestMap[K]['req'], progress: Progress) => Promise<RequestMap[K]['res']> };

export function stateHandlers(state: EngineState): StateHandlers {
  return {
    loadModel: async ({ source }, progress) => ({ model: await loadModel(state, source, progress), image: currentImageInfo(state) }),
    setImage: ({ source }) => setImageFromSource(state, source),
    predict: ({ diffusivity }) => predict(state, diffusivity),
    blockThumbs: ({ stage, diffusivity }) => blockThumbs(state, stage, diffusivity),
    heatFrames: ({ stage, block, diffusivity, mode, times }) => heatFrames(state, stage, block, diffusivity, mode, times),
    spectrum: ({ stage, block, channel }) => spectrum(state, stage, block, channel),
    pointResponse: ({ stage, block, diffusivity, row, col, channel, conducting, t }) => pointResponse(state, stage, block, diffusivity, row, col, channel, { conducting, t }),
    channelConduction: ({ stage, block, diffusivity }) => channelConductionOf(state, stage, block, diffusivity),
    operatorSteps: ({ stage, block, diffusivity, channel, t }) => operatorStepsOf(state, stage, block, diffusivity, channel, t),
    frequencyDecay: ({ stage, block, diffusivity, channel, n, m, times }) => frequencyDecayOf(state, stage, block, diffusivity, channel, n, m, times),
    erf: ({ stage, row, col, diffusivity, blocks }) => erf(state, stage, row, col, diffusivity, blocks),
    erfAverage: ({ stage, urls, diffusivity }, progress) => erfAverage(state, stage, urls, diffusivity, progress),
    comparisonErf: (req, progress) => comparisonErf(state, req, progress),
    comparisonErfAverage: (req, progress) => comparisonErfAverage(state, req, progress),
    fullResHeat: (req, progress) => fullResolutionHeat(state, req, progress),
    memory: async () => memory(state),
  };
}
