// vHeat's block in 6 dispatches on the hardware-GPU row (kernelChoice.ts fuseForFewerDispatches), where the
// unfused block takes about 20:
//   1. norm1                                    (the channel LayerNorm program)
//   2. dwconv 3x3 + bias -> op.linear [.., 2C]  (FusedLinear, depthwise prologue: phi and z in one map)
//   3. the heat operator on phi                 (HeatPlane: one dispatch, the plane in workgroup memory)
//   4. out_norm(heat) * silu(z) -> out_linear + bias, (* gamma1) + x        (FusedLinear, gated LayerNorm prologue)
//   5. norm2 -> fc1 + bias -> GELU              (FusedLinear, LayerNorm prologue)
//   6. fc2 + bias, (* gamma2) + x1              (FusedLinear, residual epilogue)
// A layer scale gamma is folded into the linear map before it (W * gamma, b * gamma; vheat.ts does it once).
// Same arithmetic as the unfused block (vheat.ts) in another order of summation (parity: model.browser.test.ts,
// tools/dawn/dispatchCount.ts). Inference only (no gradients): the model takes this path only with the tape off,
// without captures, for pre-norm blocks whose channel counts are multiples of 4.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { activeProfile } from '../../backend/kernelChoice';
import { fusedLinear, heatPlane } from '../../ops/fused/fusedKernels';
import { heatConduction, type HeatImpl } from '../../ops/heat/heatConduction';
import { heatPlaneFits } from '../../ops/heat/heatPlaneProgram';
import { channelLayerNorm } from '../../ops/norm/channelLayerNorm';
import { DEFAULT_NORM_EPS } from './norms';
import type { Dense, Norm } from './params';

/** What the fused block reads (vheat.ts's block parameters, with op.linear's halves joined, layer scales folded). */
export interface FusedBlockParams {
  norm1: Norm;
  norm2: Norm;
  dwconv: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  /** op.linear whole: [C, 2C], phi's columns first, then z's. */
  linear: Dense;
  outNorm: Norm;
  /** out_linear times gamma1 (columns), when the block has a layer scale. */
  outLinear: Dense;
  fc1: Dense;
  /** fc2 times gamma2 (columns), when the block has a layer scale. */
  fc2: Dense;
}

/** Whether a block of `channels` channels runs fused now (row, backend, tape, captures, layout). */
export function fusedBlockApplies(channels: number, postNorm: boolean, heatImpl: HeatImpl, capturing: boolean): boolean {
  return (
    activeProfile().fuseForFewerDispatches && tf.getBackend() === 'webgpu' && !tf.engine().isTapeOn() &&
    !postNorm && !capturing && heatImpl === 'auto' && channels % 4 === 0
  );
}

/** The block on x [B, H, W, C] (pre-norm), heat rate [H, W, C], decay scale s. */
export function fusedHeatBlock(x: tf.Tensor4D, p: FusedBlockParams, rate: tf.Tensor3D, scale: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    const eps = DEFAULT_NORM_EPS;
    const ln1 = channelLayerNorm(x, p.norm1.weight, p.norm1.bias, eps);
    const both = fusedLinear(ln1, p.linear.weight, p.linear.bias, {
      prologue: 'depthwise3x3', inputs: { dwFilter: p.dwconv.filter, dwBias: p.dwconv.bias }, mapH: h, mapW: w,
    });
    const both4 = tf.reshape(both, [b, h, w, 2 * c]) as tf.Tensor4D;
    const device = (tf.backend() as WebGPUBackend).device;
    const heat = heatPlaneFits(device, h, w)
      ? heatPlane(both4, rate, scale, 0)
      : heatConduction(tf.slice(both4, [0, 0, 0, 0], [b, h, w, c]), rate, scale);
    const x1 = fusedLinear(heat, p.outLinear.weight, p.outLinear.bias, {
      prologue: 'gatedLayerNorm', epilogue: 'residual', eps, gateStride: 2 * c, gateOffset: c,
      inputs: { lnWeight: p.outNorm.weight, lnBias: p.outNorm.bias, gate: both, res: x },
    });
    const hidden = fusedLinear(x1, p.fc1.weight, p.fc1.bias, {
      prologue: 'layerNorm', epilogue: 'gelu', eps, inputs: { lnWeight: p.norm2.weight, lnBias: p.norm2.bias },
    });
    const out = fusedLinear(hidden, p.fc2.weight, p.fc2.bias, {
      epilogue: 'residual', inputs: { res: x1 },
    });
    return tf.reshape(out, [b, h, w, c]) as tf.Tensor4D;
  });
}

/** The block's heat rate at freq_embed's own size: grid [H, W] * ReLU(freq [H, W, C] @ to_k + b), [H, W, C], one dispatch. */
export function fusedRate(freq: tf.Tensor3D, toK: Dense, grid: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [h, w, c] = freq.shape;
    const rate = fusedLinear(freq, toK.weight, toK.bias, { epilogue: 'rowScaledRelu', inputs: { rowScale: grid } });
    return tf.reshape(rate, [h, w, c]) as tf.Tensor3D;
  });
}
