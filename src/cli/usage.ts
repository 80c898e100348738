// Usage text of the `vheat` command line: one block per command (`vheat <command> --help`) and all of them together
// (`vheat --help`).
import { KERNEL_ROW_NAMES } from '../engine/backend/kernelChoice';

import { EXIT_STATUS_HELP } from './exitStatus';

const MODEL_OPTIONS = '--model <file> [--size N] [--backend auto|cpu|wasm|webgpu] [--kernel-row NAME] [--weights ema|model] [--post-norm|--pre-norm] [--verbose]\n          [--memory-budget MB] [--time-budget S]';
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
  Effective receptive field of stage K's (from 1, as on the page) position (ROW, COL) (default: the centre), averaged over every input image:
  float32 [H, W], g = sum over RGB of |d(sum_c Y[c, p]) / dX|. Prints the area ratios (20/30/50/99 %), max, sizes.
  Any family: vHeat, HcNet and the rivals ConvNeXt and ViT (these take no --diffusivity: no heat operator).`,
  heat: `vheat heat ${MODEL_OPTIONS} --stage K --block J
           [--times 0,0.25,1,4 (vHeat) | --steps 0,1,6,24 (HcNet)] [--channels energy|pca|N]
           [--diffusivity S] [--diffusivity-stage K=S ...] <image|.npy> -o <frames.npy>
  Block J of stage K's own operator (both from 1, as on the page) over time: float32 [T, h, w] (energy, channel N) or [T, h, w, 3] (pca).
  vHeat and HcNet only.`,
  spectrum: `vheat spectrum ${MODEL_OPTIONS} --stage K --block J [--mean] -o <k.npy>
  Block J of stage K's (both from 1, as on the page) learned diffusivity k over frequencies (vHeat): float32 [h, w, C] at the stage size, or [h, w] with --mean.`,
  fetch: `vheat fetch tiny|small|base [--fp16] [--dir <folder>] [--base-url <url>]
  Downloads an official ImageNet-1k checkpoint (resumable; HTTPS_PROXY / NO_PROXY honoured), checks it and converts it
  to the web format, into the folder \`npm run dev\` / \`npm run preview\` list (default $HEAT_LAB_CACHE_DIR, else
  ~/.cache/heat-lab/official). --base-url (or $VHEAT_RELEASE_URL): a mirror of the release files.`,
};

export const USAGE = `usage:
${Object.values(COMMAND_USAGE).map((u) => `  ${u.split('\n')[0]}`).join('\n')}
  vheat --version
  vheat <command> --help
stages and blocks are numbered from 1, as the page shows them (--stage 2 --block 1 is the page's stage 2, block 1;
  the URL's ?stage=2&block=1 and exported file names ..._stage2_block1_... count the same way); 0 is refused
--memory-budget MB, --time-budget S: the work's budget, checked before it starts from the model's config and the
  input's size (decoding an image, a forward pass, an ERF's gradients; default 320 MB and 30 s, src/engine/limits.ts);
  work over it is refused [too-large] naming the file, the estimate and the budget; a batch over it runs in parts
--verbose: say on stderr which backend was taken and why (otherwise nothing is said when the CPU path is taken)
${EXIT_STATUS_HELP}`;
