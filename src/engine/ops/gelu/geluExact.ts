import * as tf from '@tensorflow/tfjs';
import { onCpuSideBackend } from '../cpuKernel';
import { runGeluErfKernel } from './geluCpuKernel';

/** Which implementation runs: 'fused' = one TypeScript kernel ('wasm' and 'cpu' backends), 'composite' = tfjs ops. */
export type GeluImpl = 'auto' | 'fused' | 'composite';

/** Exact GELU with tfjs ops: 0.5 u (1 + erf(u / sqrt 2)) (PyTorch nn.GELU() default). */
export function geluExactComposite<T extends tf.Tensor>(u: T): T {
  return tf.tidy(() => tf.mul(tf.mul(u, 0.5), tf.add(tf.erf(tf.mul(u, Math.SQRT1_2)), 1)) as T);
}

/**
 * Exact GELU, differentiable on both paths. 'auto': the fused kernel on 'wasm' and 'cpu', tfjs ops elsewhere (on
 * 'webgpu' the GELU after a linear map is fused into the dense WGSL program instead; see ops/dense).
 */
export function geluExact<T extends tf.Tensor>(u: T, impl: GeluImpl = 'auto'): T {
  const fusedHere = onCpuSideBackend();
  if (impl === 'fused' && !fusedHere) throw new Error(`geluExact: no fused kernel on the '${tf.getBackend()}' backend`);
  if (impl === 'composite' || !fusedHere || u.dtype !== 'float32') return geluExactComposite(u);
  return runGeluErfKernel(u);
}
