import * as tf from '@tensorflow/tfjs';
import { defineKernel } from '../defineKernel';
import { channelLayerNormCpuPass, type ChannelLayerNormAttrs } from './channelLayerNormCpuKernel';
import { channelLayerNormProgramRun } from './channelLayerNormProgram';

/**
 * The channel LayerNorm's kernel: the WGSL program on 'webgpu', one TypeScript pass on 'wasm' and 'cpu'
 * (channelLayerNormCpuKernel.ts). x [B,H,W,C], weight and bias [C].
 * Gradient, with xhat = (x - mean) * rstd and g = dy * weight (per pixel, means over C):
 *   dx = rstd * (g - mean(g) - xhat * mean(g * xhat)),  dweight = sum_{B,H,W} dy * xhat,  dbias = sum_{B,H,W} dy.
 * Written with tfjs ops; the statistics are recomputed from the saved x.
 */
export const channelLayerNormKernel = defineKernel<'x' | 'weight' | 'bias', ChannelLayerNormAttrs>({
  name: 'ChannelLayerNorm',
  inputNames: ['x', 'weight', 'bias'],
  webgpu: (backend, { x, weight, bias }, { eps }) => channelLayerNormProgramRun(backend, x, weight, bias, eps),
  cpu: channelLayerNormCpuPass,
  grad: {
    inputsToSave: ['x', 'weight'],
    gradFunc: (dy, saved, attrs) => {
      const [x, weight] = saved as [tf.Tensor4D, tf.Tensor1D];
      const { eps } = attrs as ChannelLayerNormAttrs;
      const dy4 = dy as tf.Tensor4D;
      const stats = () => {
        const { mean, variance } = tf.moments(x, -1, true);
        const rstd = tf.rsqrt(tf.add(variance, eps));
        return { rstd, xhat: tf.mul(tf.sub(x, mean), rstd) };
      };
      return {
        x: () =>
          tf.tidy(() => {
            const { rstd, xhat } = stats();
            const g = tf.mul(dy4, weight);
            const centred = tf.sub(g, tf.mean(g, -1, true));
            return tf.mul(rstd, tf.sub(centred, tf.mul(xhat, tf.mean(tf.mul(g, xhat), -1, true))));
          }),
        weight: () => tf.tidy(() => tf.sum(tf.mul(dy4, stats().xhat), [0, 1, 2])),
        bias: () => tf.sum(dy4, [0, 1, 2]),
      };
    },
  },
});

/** Name of the tfjs kernel behind the channel LayerNorm. */
export const CHANNEL_LAYER_NORM_KERNEL = channelLayerNormKernel.name;
