import * as tf from '@tensorflow/tfjs';
import { defineKernel } from '../defineKernel';
import { conv3x3Stride2ProgramRun } from './conv3x3Stride2Program';

/**
 * The stride-2 3x3 conv's kernel, a WGSL program on 'webgpu' only. x [B,H,W,Cin], filter [3,3,Cin,Cout], bias [Cout].
 * The forward equals a 'valid' stride-2 conv of x zero-padded by 1, so with xp = pad(x):
 *   dx = conv2dTranspose(dy) onto xp's shape, cropped by 1 on each side;
 *   dfilter = Conv2DBackpropFilter(xp, dy); dbias = sum over B, H, W of dy.
 */
export const conv3x3Stride2Kernel = defineKernel<'x' | 'filter' | 'bias'>({
  name: 'Conv3x3Stride2',
  inputNames: ['x', 'filter', 'bias'],
  webgpu: (backend, { x, filter, bias }) => conv3x3Stride2ProgramRun(backend, x, filter, bias),
  grad: {
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const dy4 = dy as tf.Tensor4D;
      const [b, h, w, cin] = x.shape;
      return {
        x: () =>
          tf.tidy(() => {
            const full = tf.conv2dTranspose(dy4, filter, [b, h + 2, w + 2, cin], 2, 'valid');
            return tf.slice(full, [0, 1, 1, 0], [b, h, w, cin]);
          }),
        filter: () =>
          tf.tidy(() => {
            const xp = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
            const attrs = { strides: [2, 2], pad: 'valid', dataFormat: 'NHWC', filterShape: filter.shape };
            return tf.engine().runKernel('Conv2DBackpropFilter', { x: xp, dy: dy4 }, attrs) as tf.Tensor4D;
          }),
        bias: () => tf.sum(dy4, [0, 1, 2]),
      };
    },
  },
});

/** Name of the tfjs kernel behind the stride-2 3x3 conv. */
export const CONV3X3_STRIDE2_KERNEL = conv3x3Stride2Kernel.name;
