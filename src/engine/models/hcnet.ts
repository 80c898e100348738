// HcNet (ZheminZhang1/HcNet, HcNet.py) on tfjs, NHWC.

import * as tf from '@tensorflow/tfjs';
import type { HcNetConfig, WeightMap } from '../config';
import { spatialMean } from '../ops/pool/spatialMean';
import { avgPool3x3CountPad, depthwiseConv3x3, pointwise } from './layers/conv';
import { DEFAULT_NORM_EPS, groupNormOneGroup } from './layers/norms';
import { fusedBlockApplies } from './layers/fusedBlock';
import { fusedHcBlock, type FusedHcBlockParams } from './layers/fusedHcBlock';
import { fusedGroupNorm } from '../ops/fused/fusedKernels';
import { ParamStore, type Dense, type Norm } from './layers/params';
import { downsampleParams, runDownsample, runHead, runStem, stemParams, type ChannelNorm, type DownsampleParams, type HeadParams, type StemParams } from './layers/frame';
import { neighbourCounts } from './neighbourCounts';
import { captured, evictOldest, MAX_CACHED_SIZES, StagedModel, type BlockContext } from './stagedModel';

/** GroupNorm(1, C) of the stem, downsamplers and head: one dispatch on the hardware-GPU row (as the fused blocks). */
const groupNorm: ChannelNorm = (x, n) => (fusedBlockApplies(x.shape[3], 'auto', false)
  ? fusedGroupNorm(x, n.weight, n.bias, DEFAULT_NORM_EPS)
  : groupNormOneGroup(x, n.weight, n.bias, DEFAULT_NORM_EPS));

interface HcBlockParams {
  fc0: tf.Tensor2D;
  norm2: Norm;
  fc1: Dense;
  dwconv: tf.Tensor4D;
  fc2: Dense;
}

/**
 * HcNet block: one explicit Euler step of the heat equation, x + alpha * (mean of the neighbours - x), with
 * alpha = sigmoid(fc_0(mean_hw(x))) [B,1,1,C], then x + mlp(GN(x)).
 *
 * Differences from the official code, both deliberate:
 * - The neighbour count n (official buffer mean_num, fixed to the train size) is recomputed for every map
 *   size, so any input size works (the official block asserts the train size). The buffer is checked to
 *   hold exactly these counts when the model is built.
 * - A 1x1 map has no neighbours (official: 0/0 = NaN); the engine takes the Laplacian there as 0 (an
 *   insulated single cell does not change).
 * - RunOptions.diffusivity scales alpha by global * perStage[stage] (1 = the trained model; 0 = no step).
 */
export class HcNetModel extends StagedModel {
  private readonly params: ParamStore;
  private readonly stemParams: StemParams;
  private readonly blocks: HcBlockParams[][];
  private readonly downsamples: DownsampleParams[];
  private readonly headParams: HeadParams;
  /** Neighbour counts [1,H,W,1] per map size. */
  private readonly countCache = new Map<string, tf.Tensor4D>();
  /** The fused block's parameters (zero biases added), made the first time a block runs fused (fusedHcBlock.ts). */
  private readonly fusedParams = new Map<HcBlockParams, FusedHcBlockParams>();

  constructor(override readonly config: HcNetConfig, weights: WeightMap) {
    super(config);
    const p = (this.params = new ParamStore(weights));
    this.stemParams = stemParams(p, (i) => `patch_embed.norm${i}`);
    this.blocks = config.depths.map((depth, i) =>
      Array.from({ length: depth }, (_, j): HcBlockParams => {
        const b = `layers.${i}.blocks.${j}`;
        return {
          fc0: p.matrix(`${b}.fc_0.weight`),
          norm2: p.norm(`${b}.norm2`),
          fc1: p.dense(`${b}.mlp.fc1`),
          dwconv: p.depthwise(`${b}.mlp.dwconv.weight`),
          fc2: p.dense(`${b}.mlp.fc2`),
        };
      }),
    );
    this.downsamples = downsampleParams(p, config.dims.length, (i) => `layers.${i}.downsample.reduction.weight`, (i) => `layers.${i}.downsample.norm`);
    this.headParams = { norm: p.norm('norm'), linear: p.dense('head') };
  }

  protected stem(x: tf.Tensor4D): tf.Tensor4D {
    return runStem(x, this.stemParams, groupNorm);
  }

  private counts(h: number, w: number): tf.Tensor4D {
    const key = `${h}x${w}`;
    let t = this.countCache.get(key);
    if (!t) {
      t = tf.keep(tf.tensor4d(neighbourCounts(h, w), [1, h, w, 1], 'float32'));
      this.countCache.set(key, t);
      evictOldest(this.countCache, MAX_CACHED_SIZES * this.config.dims.length);
    }
    return t;
  }

  /** Mean of the in-map neighbours minus the centre (the official second_Der_0), 0 on a 1x1 map. */
  private laplacian(x: tf.Tensor4D): tf.Tensor4D {
    const [, h, w] = x.shape;
    if (h * w === 1) return tf.zerosLike(x);
    const around = tf.sub(tf.mul(avgPool3x3CountPad(x), 9), x);
    return tf.sub(tf.div(around, this.counts(h, w)), x) as tf.Tensor4D;
  }

  /**
   * The fused block's weights: fc_0 and the depthwise conv with zero biases; made once (kept), owned by the store.
   * The zeros are uploaded values, not a GPU program's output, so a precompile pass (compile only) makes them whole.
   */
  private fusedBlockParams(b: HcBlockParams): FusedHcBlockParams {
    let f = this.fusedParams.get(b);
    if (!f) {
      const zeros = (n: number) => this.params.adopt(tf.keep(tf.tensor1d(new Float32Array(n))));
      f = { ...b, fc0: { weight: b.fc0, bias: zeros(b.fc0.shape[1]) }, dwconv: { filter: b.dwconv, bias: zeros(b.dwconv.shape[2]) } };
      this.fusedParams.set(b, f);
    }
    return f;
  }

  protected block(stage: number, index: number, x: tf.Tensor4D, ctx: BlockContext): tf.Tensor4D {
    const b = this.blocks[stage][index];
    if (fusedBlockApplies(x.shape[3], ctx.heatImpl, ctx.captures !== null)) return fusedHcBlock(x, this.fusedBlockParams(b), ctx.scale);
    const lap = this.laplacian(x);
    const pooled = spatialMean(x, true); // [B,1,1,C]
    const alpha = tf.mul(tf.sigmoid(pointwise(pooled, b.fc0)), ctx.scale) as tf.Tensor4D;
    const x1 = tf.add(x, tf.mul(alpha, lap)) as tf.Tensor4D;
    const normed = groupNormOneGroup(x1, b.norm2.weight, b.norm2.bias, DEFAULT_NORM_EPS);
    const hidden = depthwiseConv3x3(pointwise(normed, b.fc1.weight, b.fc1.bias, 'gelu'), b.dwconv);
    const out = tf.add(x1, pointwise(hidden, b.fc2.weight, b.fc2.bias)) as tf.Tensor4D;
    ctx.captures?.push({ stage, block: index, input: captured(x), alpha: captured(alpha), output: captured(out) });
    return out;
  }

  protected downsample(stage: number, x: tf.Tensor4D): tf.Tensor4D {
    return runDownsample(x, this.downsamples[stage], groupNorm);
  }

  protected head(x: tf.Tensor4D): tf.Tensor2D {
    return runHead(x, this.headParams, groupNorm);
  }

  diffusivity(): null {
    return null;
  }

  protected releaseTensors(): void {
    for (const t of this.countCache.values()) t.dispose();
    this.countCache.clear();
    this.params.dispose();
  }
}
