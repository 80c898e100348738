// What a model knows: its data set and classes, in words, from its metadata. The page uses it to say when an
// image lies outside what the model was trained on, instead of letting a clothing model call a rocket "Bag".
import type { ModelInfo } from '../../worker/protocol';
import { tFor } from '../../i18n/i18n';

export interface ModelDomain {
  /** The data set's name, e.g. "Fashion-MNIST" or "ImageNet-1k". */
  name: string;
  /** What its images look like, in a few words (in the page's language). */
  looksLike: string;
  /** The sample kind (samples/photos/index.json 'kind') of images from this data set, if the page has some. */
  sampleKind?: string;
}

/** Where the official ImageNet vHeat checkpoints are published (the user downloads; the page fetches nothing). */
export const OFFICIAL_CHECKPOINTS = 'https://github.com/MzeroMiko/vHeat/releases';

export function modelDomain(model: ModelInfo): ModelDomain | null {
  const t = tFor('prediction');
  const dataset = model.provenance.dataset ?? '';
  if (/fashion-mnist/i.test(dataset)) return { name: 'Fashion-MNIST', looksLike: t('domain.looks.fashion'), sampleKind: 'fashion' };
  if (/imagenet/i.test(dataset) || model.config.numClasses === 1000) return { name: 'ImageNet-1k', looksLike: t('domain.looks.imagenet') };
  return dataset ? { name: dataset, looksLike: t('domain.looks.other') } : null;
}

/** True when the image is known not to come from the model's data set (a sample of another kind, or a dropped image). */
export function outsideDomain(domain: ModelDomain | null, imageChoice: string | null): boolean {
  if (!domain?.sampleKind) return false;
  return !(imageChoice ?? '').startsWith(`${domain.sampleKind}:`);
}
