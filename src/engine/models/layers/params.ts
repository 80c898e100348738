// Holds a model's weights as tfjs tensors in tfjs layout; converts each PyTorch tensor once; disposes all.

import * as tf from '@tensorflow/tfjs';
import type { NamedTensor, WeightMap } from '../../config';
import { depthwiseToHwc1, oihwToHwio, outInToInOut } from './layout';
import { InternalError } from '../../errors';

/** An affine norm's per-channel scale and shift. */
export interface Norm {
  weight: tf.Tensor1D;
  bias: tf.Tensor1D;
}

/** A Linear / 1x1 conv as [in,out] matrix plus bias. */
export interface Dense {
  weight: tf.Tensor2D;
  bias: tf.Tensor1D;
}

export class ParamStore {
  private readonly tensors: tf.Tensor[] = [];

  constructor(private readonly weights: WeightMap) {}

  raw(name: string): NamedTensor {
    const t = this.weights.get(name);
    if (!t) throw new InternalError(`weight ${name} is missing`);
    return t;
  }

  private keep<T extends tf.Tensor>(t: T): T {
    this.tensors.push(t);
    return t;
  }

  /** 1-D vector (bias, norm scale/shift, layer-scale gamma). */
  vector(name: string): tf.Tensor1D {
    const t = this.raw(name);
    return this.keep(tf.tensor1d(t.data, 'float32'));
  }

  /** Conv OIHW -> HWIO filter. */
  conv(name: string): tf.Tensor4D {
    const { data, shape } = oihwToHwio(this.raw(name));
    return this.keep(tf.tensor4d(data, shape, 'float32'));
  }

  /** Depthwise (C,1,k,k) -> [k,k,C,1]. */
  depthwise(name: string): tf.Tensor4D {
    const { data, shape } = depthwiseToHwc1(this.raw(name));
    return this.keep(tf.tensor4d(data, shape, 'float32'));
  }

  /** Linear (out,in) or 1x1 conv (out,in,1,1) -> [in,out]. */
  matrix(name: string): tf.Tensor2D {
    const { data, shape } = outInToInOut(this.raw(name));
    return this.keep(tf.tensor2d(data, shape, 'float32'));
  }

  /** `<prefix>.weight` (OIHW -> HWIO) and `<prefix>.bias` of a conv with bias. */
  biasedConv(prefix: string): { filter: tf.Tensor4D; bias: tf.Tensor1D } {
    return { filter: this.conv(`${prefix}.weight`), bias: this.vector(`${prefix}.bias`) };
  }

  /**
   * A conv stored without bias (Conv2d(bias=False): the downsamplers) with a zero bias made once here, so the
   * conv kernel (which takes a bias) does not fill a fresh zero tensor on every call.
   */
  unbiasedConv(name: string): { filter: tf.Tensor4D; bias: tf.Tensor1D } {
    const filter = this.conv(name);
    return { filter, bias: this.keep(tf.zeros([filter.shape[3]]) as tf.Tensor1D) };
  }

  /** `<prefix>.weight` and `<prefix>.bias` of a norm. */
  norm(prefix: string): Norm {
    return { weight: this.vector(`${prefix}.weight`), bias: this.vector(`${prefix}.bias`) };
  }

  /** `<prefix>.weight` (out,in) and `<prefix>.bias` of a Linear or 1x1 conv. */
  dense(prefix: string): Dense {
    return { weight: this.matrix(`${prefix}.weight`), bias: this.vector(`${prefix}.bias`) };
  }

  /**
   * A Linear whose output is chunked in `parts` equal pieces along its features (vHeat's op.linear: phi, z =
   * linear(x).chunk(2); a ViT's attn.qkv: q, k, v), as `parts` Linears of that width: matMuls of the same total
   * cost, but no slice of the output on every call.
   */
  denseParts(prefix: string, parts: number): Dense[] {
    const { data, shape } = outInToInOut(this.raw(`${prefix}.weight`));
    const n = shape[1];
    if (n % parts !== 0) throw new InternalError(`${prefix} has ${n} outputs, not a multiple of ${parts} to chunk`);
    // The whole matrix and bias only live inside this tidy: the store keeps the pieces, not a second copy.
    const [weights, biases] = tf.tidy(() => [
      tf.split(tf.tensor2d(data, shape, 'float32'), parts, 1) as tf.Tensor2D[],
      tf.split(tf.tensor1d(this.raw(`${prefix}.bias`).data, 'float32'), parts) as tf.Tensor1D[],
    ]);
    return weights.map((w, i) => ({ weight: this.keep(w), bias: this.keep(biases[i]) }));
  }

  /** denseParts(prefix, 2): vHeat's op.linear as phi and z. */
  denseHalves(prefix: string): [Dense, Dense] {
    const [a, b] = this.denseParts(prefix, 2);
    return [a, b];
  }

  /** A tensor kept as is (PyTorch layout, e.g. freq_embed [r,r,C], k_exp [r,r,C]). */
  asIs(name: string): tf.Tensor {
    const t = this.raw(name);
    return this.keep(tf.tensor(t.data, t.shape, 'float32'));
  }

  /** Adopts a derived tensor (made at build time) so dispose() frees it too. */
  adopt<T extends tf.Tensor>(t: T): T {
    return this.keep(t);
  }

  dispose(): void {
    for (const t of this.tensors) t.dispose();
    this.tensors.length = 0;
  }
}
