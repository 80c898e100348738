// vHeat's block in 6 dispatches (pre-norm) or 7 (post-norm) on the hardware-GPU row (kernelChoice.ts
// fuseForFewerDispatches), where the unfused block takes about 20. Pre-norm (vHeat-T):
//   1. norm1                                    (the channel LayerNorm program)
//   2. dwconv 3x3 + bias -> op.linear [.., 2C]  (FusedLinear, depthwise prologue: phi and z in one map)
//   3. the heat operator on phi                 (HeatPlane: one dispatch, the plane in workgroup memory)
//   4. out_norm(heat) * silu(z) -> out_linear + bias, (* gamma1) + x        (FusedLinear, gated LayerNorm prologue)
//   5. norm2 -> fc1 + bias -> GELU              (FusedLinear, LayerNorm prologue)
//   6. fc2 + bias, (* gamma2) + x1              (FusedLinear, residual epilogue)
// Post-norm (vHeat-S/B: x1 = x + gamma1 * norm1(op(x)), out = x1 + gamma2 * norm2(mlp(x1))):
//   1. dwconv 3x3 + bias -> op.linear [.., 2C] on x itself, 2. the heat operator, 3. out_norm(heat) * silu(z) ->
//   out_linear + bias, 4. x + norm1 (ChannelLayerNormResidual), 5. fc1 + bias -> GELU, 6. fc2 + bias,
//   7. x1 + norm2 (ChannelLayerNormResidual).
// A layer scale gamma is folded into what comes right before its add (vheat.ts does it once): pre-norm into the
// linear map (W * gamma, b * gamma), post-norm into the LayerNorm's affine (weight * gamma, bias * gamma).
// Same arithmetic as the unfused block (vheat.ts) in another order of summation (parity: tools/dawn/parity.ts and
// dispatchCount.ts through src/engine/backend/dispatchCount.test.ts). Inference only (no gradients): the model takes
// this path only with the tape off, without captures, for blocks whose channel counts are multiples of 4.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { activeProfile } from '../../backend/kernelChoice';
import { fusedLinear, heatPlane, layerNormResidual } from '../../ops/fused/fusedKernels';
import { heatConduction, type HeatImpl } from '../../ops/heat/heatConduction';
import { heatPlaneFits } from '../../ops/heat/heatPlaneProgram';
import { channelLayerNorm } from '../../ops/norm/channelLayerNorm';
import { DEFAULT_NORM_EPS } from './norms';
import type { Dense, Norm } from './params';

/** What the fused block reads (vheat.ts's block parameters, with op.linear's halves joined, layer scales folded). */
export interface FusedBlockParams {
  /** Post-norm: times gamma1 (weight and bias), when the block has a layer scale. */
  norm1: Norm;
  /** Post-norm: times gamma2, when the block has a layer scale. */
  norm2: Norm;
  dwconv: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  /** op.linear whole: [C, 2C], phi's columns first, then z's. */
  linear: Dense;
  outNorm: Norm;
  /** Pre-norm: out_linear times gamma1 (columns), when the block has a layer scale. */
  outLinear: Dense;
  fc1: Dense;
  /** Pre-norm: fc2 times gamma2 (columns), when the block has a layer scale. */
  fc2: Dense;
}

/**
 * Whether a block of `channels` channels (vHeat's or HcNet's) runs fused now: the row fuses, the backend is 'webgpu',
 * the tape is off, nothing is captured, the heat implementation is the row's own ('auto'), C % 4 == 0.
 */
export function fusedBlockApplies(channels: number, heatImpl: HeatImpl, capturing: boolean): boolean {
  return (
    activeProfile().fuseForFewerDispatches && tf.getBackend() === 'webgpu' && !tf.engine().isTapeOn() &&
    !capturing && heatImpl === 'auto' && channels % 4 === 0
  );
}

/**
 * The operator's first half on its input u [B, H, W, C]: dwconv + op.linear in one map [B*H*W, 2C] (phi's columns,
 * then z's) and the heat operator on phi [B, H, W, C].
 */
function heatBranch(u: tf.Tensor4D, p: FusedBlockParams, rate: tf.Tensor3D, scale: number): { both: tf.Tensor2D; heat: tf.Tensor4D } {
  const [b, h, w, c] = u.shape;
  const both = fusedLinear(u, p.linear.weight, p.linear.bias, {
    prologue: 'depthwise3x3', inputs: { dwFilter: p.dwconv.filter, dwBias: p.dwconv.bias }, mapH: h, mapW: w,
  });
  const both4 = tf.reshape(both, [b, h, w, 2 * c]) as tf.Tensor4D;
  const device = (tf.backend() as WebGPUBackend).device;
  const heat = heatPlaneFits(device, h, w)
    ? heatPlane(both4, rate, scale, 0)
    : heatConduction(tf.slice(both4, [0, 0, 0, 0], [b, h, w, c]), rate, scale);
  return { both, heat };
}

/** The block on x [B, H, W, C] (pre-norm), heat rate [H, W, C], decay scale s. */
export function fusedHeatBlock(x: tf.Tensor4D, p: FusedBlockParams, rate: tf.Tensor3D, scale: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    const eps = DEFAULT_NORM_EPS;
    const ln1 = channelLayerNorm(x, p.norm1.weight, p.norm1.bias, eps);
    const { both, heat } = heatBranch(ln1, p, rate, scale);
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

/** The block on x [B, H, W, C] (post-norm: norm1 / norm2 after the branches, layer scales folded into them). */
export function fusedPostNormHeatBlock(x: tf.Tensor4D, p: FusedBlockParams, rate: tf.Tensor3D, scale: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    const eps = DEFAULT_NORM_EPS;
    const map = (t: tf.Tensor2D) => tf.reshape(t, [b, h, w, c]) as tf.Tensor4D;
    const { both, heat } = heatBranch(x, p, rate, scale);
    const opOut = fusedLinear(heat, p.outLinear.weight, p.outLinear.bias, {
      prologue: 'gatedLayerNorm', eps, gateStride: 2 * c, gateOffset: c,
      inputs: { lnWeight: p.outNorm.weight, lnBias: p.outNorm.bias, gate: both },
    });
    const x1 = layerNormResidual(map(opOut), p.norm1.weight, p.norm1.bias, x, eps);
    const hidden = fusedLinear(x1, p.fc1.weight, p.fc1.bias, { epilogue: 'gelu' });
    const mlpOut = fusedLinear(hidden, p.fc2.weight, p.fc2.bias, {});
    return layerNormResidual(map(mlpOut), p.norm2.weight, p.norm2.bias, x1, eps);
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
