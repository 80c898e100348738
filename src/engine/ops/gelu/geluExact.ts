import * as tf from '@tensorflow/tfjs';
import { runsKernel, type OpImpl } from '../defineKernel';
import { geluErfKernel } from './geluCpuKernel';
import { geluWgslKernel } from './geluProgram';
import { activeProfile } from '../../backend/kernelChoice';

/** Exact GELU with tfjs ops: 0.5 u (1 + erf(u / sqrt 2)) (PyTorch nn.GELU() default). */
export function geluExactTfjs<T extends tf.Tensor>(u: T): T {
  return tf.tidy(() => tf.mul(tf.mul(u, 0.5), tf.add(tf.erf(tf.mul(u, Math.SQRT1_2)), 1)) as T);
}

/**
 * Exact GELU, differentiable on both paths. 'auto': the kernel (TypeScript) on 'wasm' and 'cpu', tfjs ops elsewhere
 * (on 'webgpu' the GELU after a linear map is fused into the dense WGSL program instead; see ops/dense); on 'webgpu' on
 * a row that fuses (kernelChoice.ts) the one-dispatch WGSL program (geluProgram.ts).
 */
export function geluExact<T extends tf.Tensor>(u: T, impl: OpImpl = 'auto'): T {
  // The hardware-GPU row: one elementwise dispatch instead of tfjs's five (inference only, so with the tape off).
  if (impl === 'auto' && u.dtype === 'float32' && activeProfile().fuseForFewerDispatches && geluWgslKernel.onActiveBackend() && !tf.engine().isTapeOn()) {
    return geluWgslKernel.run<T>({ x: u });
  }
  if (!runsKernel('geluExact', impl, geluErfKernel, u.dtype)) return geluExactTfjs(u);
  return geluErfKernel.run<T>({ x: u });
}
