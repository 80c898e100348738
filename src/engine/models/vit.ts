// The ViT rival (tools/python/heatnets/rivals.py ViTBlock) on tfjs, NHWC: a hierarchical ViT with global attention
// in every stage. x + pos(x) (depthwise 3x3: CPVT's conditional position encoding, so any input size works), then
// x + attn(LN1(x)) over all H*W tokens, then x + fc2(GELU(fc1(LN2(x)))).

import * as tf from '@tensorflow/tfjs';
import { attentionHeads, type ViTConfig, type WeightMap } from '../config';
import { channelLayerNorm } from '../ops/norm/channelLayerNorm';
import { globalAttention, type AttentionParams } from './layers/attention';
import { depthwiseConv3x3, pointwise } from './layers/conv';
import type { Dense, Norm } from './layers/params';
import { RIVAL_BLOCK_LN_EPS, RivalModel } from './rivalModel';
import { captured, type BlockContext } from './stagedModel';

interface ViTBlockParams {
  pos: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  norm1: Norm;
  attn: AttentionParams;
  norm2: Norm;
  fc1: Dense;
  fc2: Dense;
}

export class ViTModel extends RivalModel {
  private readonly blocks: ViTBlockParams[][];

  constructor(override readonly config: ViTConfig, weights: WeightMap) {
    super(config, weights);
    const p = this.params;
    this.blocks = config.depths.map((depth, i) =>
      Array.from({ length: depth }, (_, j): ViTBlockParams => {
        const b = `layers.${i}.${j}`;
        const [q, k, v] = p.denseParts(`${b}.attn.qkv`, 3);
        return {
          pos: { filter: p.depthwise(`${b}.pos.weight`), bias: p.vector(`${b}.pos.bias`) },
          norm1: p.norm(`${b}.norm1`),
          attn: { q, k, v, proj: p.dense(`${b}.attn.proj`) },
          norm2: p.norm(`${b}.norm2`),
          fc1: p.dense(`${b}.fc1`),
          fc2: p.dense(`${b}.fc2`),
        };
      }),
    );
  }

  protected block(stage: number, index: number, x: tf.Tensor4D, ctx: BlockContext): tf.Tensor4D {
    const b = this.blocks[stage][index];
    const heads = attentionHeads(this.config.dims[stage], this.config.headDim);
    const ln = (t: tf.Tensor4D, n: Norm) => channelLayerNorm(t, n.weight, n.bias, RIVAL_BLOCK_LN_EPS);
    const x0 = tf.add(x, depthwiseConv3x3(x, b.pos.filter, b.pos.bias)) as tf.Tensor4D;
    const x1 = tf.add(x0, globalAttention(ln(x0, b.norm1), b.attn, heads)) as tf.Tensor4D;
    const hidden = pointwise(ln(x1, b.norm2), b.fc1.weight, b.fc1.bias, 'gelu');
    const out = tf.add(x1, pointwise(hidden, b.fc2.weight, b.fc2.bias)) as tf.Tensor4D;
    ctx.captures?.push({ stage, block: index, input: captured(x), output: captured(out) });
    return out;
  }
}
