// vHeat (MzeroMiko/vHeat, classification/models/vHeat.py) on tfjs, NHWC.

import * as tf from '@tensorflow/tfjs';
import type { VHeatConfig, WeightMap } from '../config';
import { heatConduction } from '../ops/heat/heatConduction';
import { frequencyGrid, rateFromDecay, rateFromDiffusivity } from '../ops/heat/rate';
import { diffusivityFromRate, fitEdgeReplicated, fitZeroPadded } from './frequencyMaps';
import { silu } from './layers/activations';
import { depthwiseConv3x3, pointwise } from './layers/conv';
import { channelLayerNorm } from '../ops/norm/channelLayerNorm';
import { activeProfile } from '../backend/kernelChoice';
import { DEFAULT_NORM_EPS, STEM_LN_EPS } from './layers/norms';
import { ParamStore, type Dense, type Norm } from './layers/params';
import { downsampleParams, runDownsample, runHead, runStem, stemParams, type ChannelNorm, type DownsampleParams, type HeadParams, type StemParams } from './layers/frame';
import { fusedBlockApplies, fusedHeatBlock, fusedPostNormHeatBlock, fusedRate, type FusedBlockParams } from './layers/fusedBlock';
import { captured, evictOldest, MAX_CACHED_SIZES, StagedModel, type BlockContext } from './stagedModel';
import { EngineStateError, InternalError } from '../errors';

interface HeatBlockParams {
  norm1: Norm;
  norm2: Norm;
  gamma1: tf.Tensor1D | null;
  gamma2: tf.Tensor1D | null;
  dwconv: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  /** op.linear's two halves: phi (the heat operator's input) and z (the SiLU gate). */
  linearPhi: Dense;
  linearZ: Dense;
  /** op.linear whole, made at build time when the active row fuses (fusedBlock.ts), else null (joined on first use). */
  linearWhole: Dense | null;
  outNorm: Norm;
  outLinear: Dense;
  /** Training mode: to_k.0 (k = ReLU(to_k(freq_embed))). */
  toK: Dense | null;
  /** Inference mode: k_exp = E [r,r,C] as stored, its rate -ln E and the recovered k (0 at n = m = 0). */
  decay: { rate: tf.Tensor3D; k: tf.Tensor3D } | null;
  fc1: Dense;
  fc2: Dense;
}

const stemLayerNorm: ChannelNorm = (x, n) => channelLayerNorm(x, n.weight, n.bias, STEM_LN_EPS);
const layerNorm: ChannelNorm = (x, n) => channelLayerNorm(x, n.weight, n.bias, DEFAULT_NORM_EPS);

function linearHalves(p: ParamStore, prefix: string): Pick<HeatBlockParams, 'linearPhi' | 'linearZ'> {
  const [linearPhi, linearZ] = p.denseHalves(prefix);
  return { linearPhi, linearZ };
}

/**
 * Inference-mode checkpoints hold E = k_exp at the train size only. At that size the rate is -ln E exactly.
 * At another size the engine uses k = -ln(E) / (w_n^2 + w_m^2) cropped to the leading rows/cols, or, for a
 * larger map, extended by repeating the last trained row/col (the training-mode rule, zero-padded
 * freq_embed giving k = ReLU(to_k bias), is not available: to_k is gone). So an inference-mode file matches
 * its training-mode original at the train size and when cropping, and differs from it only in the padded
 * high frequencies of a larger input.
 */
export class VHeatModel extends StagedModel {
  private readonly params: ParamStore;
  private readonly stemParams: StemParams;
  private readonly freqEmbed: tf.Tensor3D[];
  private readonly blocks: HeatBlockParams[][];
  private readonly downsamples: DownsampleParams[];
  private readonly classifier: HeadParams;
  /** Rate maps per (stage, block, H, W), computed once per size; the oldest go beyond MAX_CACHED_SIZES sizes. */
  private readonly rateCache = new Map<string, tf.Tensor3D>();
  /**
   * The fused block's parameters (op.linear's halves joined, layer scales folded), made the first time a block runs
   * fused; the tensors made for them are computed by GPU programs, so precompile() drops them as the rate maps.
   */
  private readonly fusedParams = new Map<HeatBlockParams, FusedBlockParams>();
  private readonly fusedTensors: tf.Tensor[] = [];

  constructor(override readonly config: VHeatConfig, weights: WeightMap) {
    super(config);
    const p = (this.params = new ParamStore(weights));
    // StemLayer's norms are Sequential(to_channels_last, LayerNorm): the LayerNorm is index 1.
    this.stemParams = stemParams(p, (i) => `patch_embed.norm${i}.1`);
    this.freqEmbed = config.inferenceMode ? [] : config.dims.map((_, i) => p.asIs(`freq_embed.${i}`) as tf.Tensor3D);
    this.blocks = config.depths.map((depth, i) =>
      Array.from({ length: depth }, (_, j): HeatBlockParams => {
        const b = `layers.${i}.${j}`;
        let decay: HeatBlockParams['decay'] = null;
        if (config.inferenceMode) {
          const e = p.asIs(`${b}.op.k_exp`) as tf.Tensor3D;
          const rate = p.adopt(rateFromDecay(e));
          decay = { rate, k: p.adopt(diffusivityFromRate(rate)) };
          e.dispose();
        }
        return {
          norm1: p.norm(`${b}.norm1`),
          norm2: p.norm(`${b}.norm2`),
          gamma1: config.layerScale ? p.vector(`${b}.gamma1`) : null,
          gamma2: config.layerScale ? p.vector(`${b}.gamma2`) : null,
          dwconv: { filter: p.depthwise(`${b}.op.dwconv.weight`), bias: p.vector(`${b}.op.dwconv.bias`) },
          ...linearHalves(p, `${b}.op.linear`),
          linearWhole: activeProfile().fuseForFewerDispatches && tf.getBackend() === 'webgpu' ? p.dense(`${b}.op.linear`) : null,
          outNorm: p.norm(`${b}.op.out_norm`),
          outLinear: p.dense(`${b}.op.out_linear`),
          toK: config.inferenceMode ? null : p.dense(`${b}.op.to_k.0`),
          decay,
          fc1: p.dense(`${b}.mlp.fc1`),
          fc2: p.dense(`${b}.mlp.fc2`),
        };
      }),
    );
    this.downsamples = downsampleParams(p, config.dims.length, (i) => `layers.${i}.${config.depths[i]}.0.weight`, (i) => `layers.${i}.${config.depths[i]}.1`);
    this.classifier = { norm: p.norm('classifier.0'), linear: p.dense('classifier.3') };
  }

  protected stem(x: tf.Tensor4D): tf.Tensor4D {
    return runStem(x, this.stemParams, stemLayerNorm);
  }

  private checkBlock(stage: number, block: number): HeatBlockParams {
    const b = this.blocks[stage]?.[block];
    if (!b) throw new EngineStateError(`block ${stage}.${block}`, 'no such block in this model');
    return b;
  }

  /** k = ReLU(to_k(freq_embed fitted to h x w)) [h,w,C], or the inference-mode k fitted to h x w. */
  diffusivity(stage: number, block: number, h: number, w: number): tf.Tensor3D {
    const b = this.checkBlock(stage, block);
    if (!(Number.isInteger(h) && Number.isInteger(w) && h >= 1 && w >= 1)) throw new InternalError(`bad map size ${h}x${w}`);
    return tf.tidy(() => {
      if (b.decay) return fitEdgeReplicated(b.decay.k, h, w);
      const freq = fitZeroPadded(this.freqEmbed[stage], h, w);
      return tf.relu(pointwise(freq, b.toK!.weight, b.toK!.bias));
    });
  }

  /** The block's rate map (w_n^2 + w_m^2) k at h x w, cached (owned by the model). */
  private rate(stage: number, block: number, h: number, w: number): tf.Tensor3D {
    const key = `${stage}.${block}.${h}x${w}`;
    let r = this.rateCache.get(key);
    if (!r) {
      const b = this.checkBlock(stage, block);
      const [r0, r1] = b.decay ? b.decay.rate.shape : [-1, -1];
      r = tf.tidy(() => {
        // Inference mode at the train size: -ln(k_exp) itself, no round trip through k.
        if (b.decay && r0 === h && r1 === w) return tf.clone(b.decay.rate);
        // Training mode at freq_embed's own size on the fused row: (w_n^2 + w_m^2) * ReLU(to_k(freq)) in one dispatch.
        const freq = this.freqEmbed[stage];
        if (b.toK && freq.shape[0] === h && freq.shape[1] === w && fusedBlockApplies(freq.shape[2], 'auto', false)) {
          return fusedRate(freq, b.toK, frequencyGrid(h, w));
        }
        const k = this.diffusivity(stage, block, h, w);
        return rateFromDiffusivity(k);
      });
      tf.keep(r);
      this.rateCache.set(key, r);
      evictOldest(this.rateCache, MAX_CACHED_SIZES * this.blocks.flat().length);
    }
    return r;
  }

  /**
   * The fused block's weights: op.linear whole ([C, 2C], phi then z), layer scales folded (pre-norm: into out_linear
   * and fc2; post-norm: into norm1 and norm2); made once per model (kept: blocks run inside tidy) and per
   * precompile (dropComputedSizeCaches).
   */
  private fusedBlockParams(b: HeatBlockParams): FusedBlockParams {
    let f = this.fusedParams.get(b);
    if (!f) {
      const own = <T extends tf.Tensor>(t: T): T => {
        this.fusedTensors.push(tf.keep(t));
        return t;
      };
      const linear = b.linearWhole ?? {
        weight: own(tf.concat([b.linearPhi.weight, b.linearZ.weight], 1) as tf.Tensor2D),
        bias: own(tf.concat([b.linearPhi.bias, b.linearZ.bias]) as tf.Tensor1D),
      };
      // x + g * (A W + b) = x + A (W g) + b g, and x + g * (n w + b) = x + n (w g) + b g for a LayerNorm n: the layer
      // scale goes into the weights (fusedBlock.ts).
      const scaled = <T extends Dense | Norm>(d: T, g: tf.Tensor1D | null): T => (g ? { ...d, weight: own(tf.mul(d.weight, g) as T['weight']), bias: own(tf.mul(d.bias, g) as tf.Tensor1D) } : d);
      f = this.config.postNorm
        ? { ...b, linear, norm1: scaled(b.norm1, b.gamma1), norm2: scaled(b.norm2, b.gamma2) }
        : { ...b, linear, outLinear: scaled(b.outLinear, b.gamma1), fc2: scaled(b.fc2, b.gamma2) };
      this.fusedParams.set(b, f);
    }
    return f;
  }

  protected block(stage: number, index: number, x: tf.Tensor4D, ctx: BlockContext): tf.Tensor4D {
    const b = this.blocks[stage][index];
    const post = this.config.postNorm;
    if (fusedBlockApplies(x.shape[3], ctx.heatImpl, ctx.captures !== null)) {
      const fused = post ? fusedPostNormHeatBlock : fusedHeatBlock;
      return fused(x, this.fusedBlockParams(b), this.rate(stage, index, x.shape[1], x.shape[2]), ctx.scale);
    }
    const ln = (t: tf.Tensor4D, n: Norm) => channelLayerNorm(t, n.weight, n.bias, DEFAULT_NORM_EPS);
    const scaled = (t: tf.Tensor4D, g: tf.Tensor1D | null) => (g ? (tf.mul(t, g) as tf.Tensor4D) : t);

    // Heat conduction operator.
    const [, h, w] = x.shape;
    const opIn = post ? x : ln(x, b.norm1);
    const dw = depthwiseConv3x3(opIn, b.dwconv.filter, b.dwconv.bias);
    const phi = pointwise(dw, b.linearPhi.weight, b.linearPhi.bias);
    const z = pointwise(dw, b.linearZ.weight, b.linearZ.bias);
    const rate = this.rate(stage, index, h, w);
    const heatOut = heatConduction(phi, rate, ctx.scale, ctx.heatImpl);
    const gated = tf.mul(ln(heatOut, b.outNorm), silu(z)) as tf.Tensor4D;
    const opOut = pointwise(gated, b.outLinear.weight, b.outLinear.bias);
    const x1 = tf.add(x, scaled(post ? ln(opOut, b.norm1) : opOut, b.gamma1)) as tf.Tensor4D;

    // MLP (1x1 convs).
    const mlpIn = post ? x1 : ln(x1, b.norm2);
    const hidden = pointwise(mlpIn, b.fc1.weight, b.fc1.bias, 'gelu');
    const mlpOut = pointwise(hidden, b.fc2.weight, b.fc2.bias);
    const out = tf.add(x1, scaled(post ? ln(mlpOut, b.norm2) : mlpOut, b.gamma2)) as tf.Tensor4D;

    ctx.captures?.push({
      stage,
      block: index,
      input: captured(x),
      phi: captured(phi),
      rate: captured(rate),
      scale: ctx.scale,
      heatOut: captured(heatOut),
      output: captured(out),
    });
    return out;
  }

  protected downsample(stage: number, x: tf.Tensor4D): tf.Tensor4D {
    return runDownsample(x, this.downsamples[stage], layerNorm);
  }

  protected head(x: tf.Tensor4D): tf.Tensor2D {
    return runHead(x, this.classifier, layerNorm);
  }

  protected override dropComputedSizeCaches(): void {
    tf.dispose(this.fusedTensors.splice(0));
    this.fusedParams.clear();
    for (const r of this.rateCache.values()) r.dispose();
    this.rateCache.clear();
  }

  protected releaseTensors(): void {
    this.dropComputedSizeCaches();
    this.params.dispose();
  }
}
