// HcNet's block in 6 dispatches on the hardware-GPU row (kernelChoice.ts fuseForFewerDispatches), where the unfused
// block (hcnet.ts) takes about 33:
//   1. mean over H, W of x                              (the spatial-mean program)
//   2. fc_0 (no bias: zeros)                            (FusedLinear: the logit of alpha, [B, C])
//   3. x1 = x + sigmoid(logit) * s * laplacian(x)        (ExplicitHeatStep: neighbour counts and alpha in the step)
//   4. GroupNorm(1 group) statistics of x1               (GroupNormStats: [B, 2])
//   5. norm2 -> fc1 + bias -> GELU                       (FusedLinear, groupNorm prologue)
//   6. dwconv 3x3 (no bias: zeros) -> fc2 + bias, + x1   (FusedLinear, depthwise prologue, residual epilogue)
// Same arithmetic as the unfused block in another order of summation (parity: tools/dawn/parity.ts and
// dispatchCount.ts through src/engine/backend/dispatchCount.test.ts). Inference only: hcnet.ts takes this path only
// when fusedBlockApplies (fusedBlock.ts) holds.
import * as tf from '@tensorflow/tfjs';
import { fusedExplicitHeatStep, fusedLinear, groupNormStats } from '../../ops/fused/fusedKernels';
import { spatialMean } from '../../ops/pool/spatialMean';
import { DEFAULT_NORM_EPS } from './norms';
import type { Dense, Norm } from './params';

/** What the fused HcNet block reads: hcnet.ts's block parameters, with zero biases where the official layers have none. */
export interface FusedHcBlockParams {
  /** fc_0 [C, C] with a zero bias. */
  fc0: Dense;
  norm2: Norm;
  fc1: Dense;
  /** The depthwise conv [3, 3, 4C, 1] with a zero bias. */
  dwconv: { filter: tf.Tensor4D; bias: tf.Tensor1D };
  fc2: Dense;
}

/** The block on x [B, H, W, C] (C % 4 == 0) with the diffusivity scale s of alpha. */
export function fusedHcBlock(x: tf.Tensor4D, p: FusedHcBlockParams, scale: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    const logit = fusedLinear(spatialMean(x), p.fc0.weight, p.fc0.bias, {});
    const x1 = fusedExplicitHeatStep(x, logit, scale);
    const stats = groupNormStats(x1, DEFAULT_NORM_EPS);
    const hidden = fusedLinear(x1, p.fc1.weight, p.fc1.bias, {
      prologue: 'groupNorm', epilogue: 'gelu', inputs: { lnWeight: p.norm2.weight, lnBias: p.norm2.bias, stats }, mapH: h, mapW: w,
    });
    const out = fusedLinear(hidden, p.fc2.weight, p.fc2.bias, {
      prologue: 'depthwise3x3', epilogue: 'residual', inputs: { dwFilter: p.dwconv.filter, dwBias: p.dwconv.bias, res: x1 }, mapH: h, mapW: w,
    });
    return tf.reshape(out, [b, h, w, c]) as tf.Tensor4D;
  });
}
