// Development models with seeded random weights (offered only in dev builds): the operator and the views
// can be explored before trained files exist. They are real models of a tiny config, not trained ones.
import { IMAGENET_PREPROCESSING, type ModelConfig, type Preprocessing } from '../../engine/config';

export interface RandomModelSpec {
  id: string;
  title: string;
  config: ModelConfig;
  seed: number;
  preprocessing: Preprocessing;
}

const tinyPreprocessing: Preprocessing = { ...IMAGENET_PREPROCESSING, inputSize: 32, resizeTo: 36 };

export const RANDOM_MODELS: RandomModelSpec[] = [
  {
    id: 'random-vheat-tiny',
    // i18n: verbatim (a developer entry's title, ?dev only: data like a model file's title)
    title: 'vHeat, tiny, random weights (untrained)',
    config: {
      family: 'vheat', dims: [8, 16, 32, 64], depths: [1, 2, 2, 1], postNorm: false, layerScale: false,
      mlpRatio: 2, numClasses: 10, trainResolution: 32, inferenceMode: false,
    },
    seed: 1,
    preprocessing: tinyPreprocessing,
  },
  {
    id: 'random-hcnet-tiny',
    // i18n: verbatim (a developer entry's title, ?dev only: data like a model file's title)
    title: 'HcNet, tiny, random weights (untrained)',
    config: { family: 'hcnet', dims: [8, 16, 32, 64], depths: [1, 2, 2, 1], mlpRatio: 2, numClasses: 10, trainResolution: 32 },
    seed: 2,
    preprocessing: tinyPreprocessing,
  },
  {
    // Full size, for timing the page with a real model's cost (bench/suites/slider-response.ts model=random-vheat-t).
    id: 'random-vheat-t',
    // i18n: verbatim (a developer entry's title, ?dev only: data like a model file's title)
    title: 'vHeat-T, 224 px, random weights (untrained, 29M parameters)',
    config: {
      family: 'vheat', dims: [96, 192, 384, 768], depths: [2, 2, 6, 2], postNorm: false, layerScale: false,
      mlpRatio: 4, numClasses: 1000, trainResolution: 224, inferenceMode: false,
    },
    seed: 3,
    preprocessing: IMAGENET_PREPROCESSING,
  },
];
