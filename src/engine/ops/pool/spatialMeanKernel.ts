import * as tf from '@tensorflow/tfjs';
import { defineKernel } from '../defineKernel';
import { spatialMeanProgramRun } from './spatialMeanProgram';

/**
 * The global average pool's kernel, x [B,H,W,C] -> [B,C], a WGSL program on 'webgpu' only. Gradient:
 * dx[b,h,w,c] = dy[b,c] / (H W), spread evenly over the pixels.
 */
export const spatialMeanKernel = defineKernel<'x'>({
  name: 'SpatialMean',
  inputNames: ['x'],
  webgpu: (backend, { x }) => spatialMeanProgramRun(backend, x),
  grad: {
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved as [tf.Tensor4D];
      const [b, h, w, c] = x.shape;
      return { x: () => tf.tidy(() => tf.broadcastTo(tf.reshape(tf.div(dy as tf.Tensor, h * w), [b, 1, 1, c]), [b, h, w, c])) };
    },
  },
});

/** Name of the tfjs kernel behind the global average pool. */
export const SPATIAL_MEAN_KERNEL = spatialMeanKernel.name;
