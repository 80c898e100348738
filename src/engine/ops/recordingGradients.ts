// Whether tfjs is recording a gradient tape now (tf.grad's forward pass: the effective receptive field, d/d input).
// Under a tape the layers use tfjs's plain conv and matMul ops instead of the fused ones: a fused op's gradient is
// one customGrad that computes every gradient at once, the filter's and bias's too, though nothing reads them, while
// the plain ops' gradients are computed per input, only for inputs on the path from x. On the CPU path the conv's
// filter gradient (tfjs's plain-JS kernel, borrowed: backend/wasmBorrowedKernels.ts) was half of an ERF's time
// (BENCHMARKS.md, "ERF gradients"). The forward values are the same ops' (bias added after, as the fused ops do).
import * as tf from '@tensorflow/tfjs';

export function recordingGradients(): boolean {
  return tf.engine().isTapeOn();
}
