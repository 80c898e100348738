// Usage text of the `vheat` command line: one block per command (`vheat <command> --help`) and all of them together
// (`vheat --help`).
import { KERNEL_ROW_NAMES } from '../engine/backend/kernelChoice';

const MODEL_OPTIONS = '--model <file> [--size N] [--backend auto|cpu|wasm|webgpu] [--kernel-row NAME] [--weights ema|model] [--post-norm|--pre-norm]';
/** What --kernel-row does (every model command takes it). */
const KERNEL_ROW_HELP = `  --kernel-row NAME (every model command) runs a named row of the kernel-choice table
  (${KERNEL_ROW_NAMES.join(', ')}; src/engine/backend/kernelChoice.ts) on whatever adapter WebGPU finds,
  in place of the adapter's own row; with --backend auto it also decides WebGPU or the CPU path.
  'unmeasured-gpu' is the hardware-GPU row (fused kernels: about 6 dispatches per vHeat block).`;

export const COMMAND_USAGE: Record<string, string> = {
  convert: `vheat convert <in.pth|in.safetensors> -o <out.safetensors> [--weights ema|model] [--fp16] [--post-norm|--pre-norm]
              [--meta <labels, preprocessing, provenance .json>]
  Converts a checkpoint to the web format (safetensors); prints what it wrote as JSON.`,
  inspect: `vheat inspect <file> [--weights ema|model] [--post-norm|--pre-norm]
  Family, config, parameter count, tensors, labels, preprocessing and provenance of a model file, as JSON.`,
  predict: `vheat predict ${MODEL_OPTIONS} [--batch N] [--jsonl] [--stats] <image|.npy|folder>...
  Logits and top-5 of every input (a folder: its .png, .jpg and .npy files; a .npy: NCHW float32, normalised).
  --batch N runs N images per forward pass (default 8); --jsonl prints one JSON line per input as it is done.
  --stats counts what the WebGPU path asked of the GPU over all forward passes (dispatches, compute passes, queue
  submits, bytes uploaded; from model build on, so the first pass's weight uploads count): a "stats" object in the
  JSON document, or with --jsonl one {"stats": ...} line on stderr at the end. Not on WebGPU: counts are null.
${KERNEL_ROW_HELP}`,
  erf: `vheat erf ${MODEL_OPTIONS} --stage K [--point ROW,COL|centre]
          [--diffusivity S] [--diffusivity-stage K=S ...] [--rule abs|relu] [--batch N] [--png <map.png>]
          <image|.npy|folder>... -o <out.npy>
  Effective receptive field of stage K's position (ROW, COL) (default: the centre), averaged over every input image:
  float32 [H, W], g = sum over RGB of |d(sum_c Y[c, p]) / dX|. Prints the area ratios (20/30/50/99 %), max, sizes.`,
  heat: `vheat heat ${MODEL_OPTIONS} --stage K --block J
           [--times 0,0.25,1,4 (vHeat) | --steps 0,1,6,24 (HcNet)] [--channels energy|pca|N]
           [--diffusivity S] [--diffusivity-stage K=S ...] <image|.npy> -o <frames.npy>
  The block's own operator over time: float32 [T, h, w] (energy, channel N) or [T, h, w, 3] (pca).`,
  spectrum: `vheat spectrum ${MODEL_OPTIONS} --stage K --block J [--mean] -o <k.npy>
  A vHeat block's learned diffusivity k over frequencies: float32 [h, w, C] at the stage size, or [h, w] with --mean.`,
};

export const USAGE = `usage:
${Object.values(COMMAND_USAGE).map((u) => `  ${u.split('\n')[0]}`).join('\n')}
  vheat --version
  vheat <command> --help`;
