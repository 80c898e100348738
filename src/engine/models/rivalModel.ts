// What vHeat's rivals (ConvNeXt, ViT: tools/python/heatnets/rivals.py) share with vHeat: its stem (LayerNorm eps
// 1e-6), downsamples and classifier (LayerNorm eps 1e-5), under vHeat's weight names. A subclass adds its blocks.
// No heat operator: the diffusivity multipliers of RunOptions do not change a rival's output, and diffusivity() is null.

import type * as tf from '@tensorflow/tfjs';
import type { RivalConfig, WeightMap } from '../config';
import { channelLayerNorm } from '../ops/norm/channelLayerNorm';
import { DEFAULT_NORM_EPS, STEM_LN_EPS } from './layers/norms';
import { ParamStore } from './layers/params';
import { downsampleParams, runDownsample, runHead, runStem, stemParams, type ChannelNorm, type DownsampleParams, type HeadParams, type StemParams } from './layers/frame';
import { StagedModel } from './stagedModel';

const stemLayerNorm: ChannelNorm = (x, n) => channelLayerNorm(x, n.weight, n.bias, STEM_LN_EPS);
const layerNorm: ChannelNorm = (x, n) => channelLayerNorm(x, n.weight, n.bias, DEFAULT_NORM_EPS);

/** LayerNorm epsilon inside the rivals' blocks (rivals.py: nn.LayerNorm(dim, eps=1e-6), as ConvNeXt's). */
export const RIVAL_BLOCK_LN_EPS = 1e-6;

export abstract class RivalModel extends StagedModel {
  protected readonly params: ParamStore;
  private readonly stemParams: StemParams;
  private readonly downsamples: DownsampleParams[];
  private readonly classifier: HeadParams;

  protected constructor(override readonly config: RivalConfig, weights: WeightMap) {
    super(config);
    const p = (this.params = new ParamStore(weights));
    this.stemParams = stemParams(p, (i) => `patch_embed.norm${i}.1`);
    this.downsamples = downsampleParams(p, config.dims.length, (i) => `layers.${i}.${config.depths[i]}.0.weight`, (i) => `layers.${i}.${config.depths[i]}.1`);
    this.classifier = { norm: p.norm('classifier.0'), linear: p.dense('classifier.3') };
  }

  protected stem(x: tf.Tensor4D): tf.Tensor4D {
    return runStem(x, this.stemParams, stemLayerNorm);
  }

  protected downsample(stage: number, x: tf.Tensor4D): tf.Tensor4D {
    return runDownsample(x, this.downsamples[stage], layerNorm);
  }

  protected head(x: tf.Tensor4D): tf.Tensor2D {
    return runHead(x, this.classifier, layerNorm);
  }

  diffusivity(): null {
    return null;
  }

  protected releaseTensors(): void {
    this.params.dispose();
  }
}
