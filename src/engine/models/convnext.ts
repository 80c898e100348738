// The ConvNeXt rival (tools/python/heatnets/rivals.py ConvNeXtBlock) on tfjs, NHWC:
// x + fc2(GELU(fc1(LN(dwconv7x7(x))))), no layer scale.

import * as tf from '@tensorflow/tfjs';
import type { ConvNeXtConfig, WeightMap } from '../config';
import { channelLayerNorm } from '../ops/norm/channelLayerNorm';
import { depthwiseConvSame, pointwise } from './layers/conv';
import type { Dense, Norm } from './layers/params';
import { RIVAL_BLOCK_LN_EPS, RivalModel } from './rivalModel';
import { captured, type BlockContext } from './stagedModel';

interface ConvNeXtBlockParams {
  dwconv: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  norm: Norm;
  fc1: Dense;
  fc2: Dense;
}

export class ConvNeXtModel extends RivalModel {
  private readonly blocks: ConvNeXtBlockParams[][];

  constructor(override readonly config: ConvNeXtConfig, weights: WeightMap) {
    super(config, weights);
    const p = this.params;
    this.blocks = config.depths.map((depth, i) =>
      Array.from({ length: depth }, (_, j): ConvNeXtBlockParams => {
        const b = `layers.${i}.${j}`;
        return {
          dwconv: { filter: p.depthwise(`${b}.dwconv.weight`), bias: p.vector(`${b}.dwconv.bias`) },
          norm: p.norm(`${b}.norm`),
          fc1: p.dense(`${b}.fc1`),
          fc2: p.dense(`${b}.fc2`),
        };
      }),
    );
  }

  protected block(stage: number, index: number, x: tf.Tensor4D, ctx: BlockContext): tf.Tensor4D {
    const b = this.blocks[stage][index];
    const mixed = depthwiseConvSame(x, b.dwconv.filter, b.dwconv.bias);
    const normed = channelLayerNorm(mixed, b.norm.weight, b.norm.bias, RIVAL_BLOCK_LN_EPS);
    const hidden = pointwise(normed, b.fc1.weight, b.fc1.bias, 'gelu');
    const out = tf.add(x, pointwise(hidden, b.fc2.weight, b.fc2.bias)) as tf.Tensor4D;
    ctx.captures?.push({ stage, block: index, input: captured(x), output: captured(out) });
    return out;
  }
}
