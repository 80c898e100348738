// Usage text of the `vheat` command line: one block per command (`vheat <command> --help`) and all of them together
// (`vheat --help`).

const MODEL_OPTIONS = '--model <file> [--size N] [--backend auto|cpu|wasm|webgpu] [--weights ema|model] [--post-norm|--pre-norm]';

export const COMMAND_USAGE: Record<string, string> = {
  convert: `vheat convert <in.pth|in.safetensors> -o <out.safetensors> [--weights ema|model] [--fp16] [--post-norm|--pre-norm]
              [--meta <labels, preprocessing, provenance .json>]
  Converts a checkpoint to the web format (safetensors); prints what it wrote as JSON.`,
  inspect: `vheat inspect <file> [--weights ema|model] [--post-norm|--pre-norm]
  Family, config, parameter count, tensors, labels, preprocessing and provenance of a model file, as JSON.`,
  predict: `vheat predict ${MODEL_OPTIONS} [--batch N] [--jsonl] <image|.npy|folder>...
  Logits and top-5 of every input (a folder: its .png, .jpg and .npy files; a .npy: NCHW float32, normalised).
  --batch N runs N images per forward pass (default 8); --jsonl prints one JSON line per input as it is done.`,
  erf: `vheat erf ${MODEL_OPTIONS} --stage K [--point ROW,COL|centre]
          [--diffusivity S] [--diffusivity-stage K=S ...] [--rule abs|relu] [--batch N] [--png <map.png>]
          <image|.npy|folder>... -o <out.npy>
  Effective receptive field of stage K's position (ROW, COL) (default: the centre), averaged over every input image:
  float32 [H, W], g = sum over RGB of |d(sum_c Y[c, p]) / dX|. Prints the area ratios (20/30/50/99 %), max, sizes.
  Any family: vHeat, HcNet and the rivals ConvNeXt and ViT (these take no --diffusivity: no heat operator).`,
  heat: `vheat heat ${MODEL_OPTIONS} --stage K --block J
           [--times 0,0.25,1,4 (vHeat) | --steps 0,1,6,24 (HcNet)] [--channels energy|pca|N]
           [--diffusivity S] [--diffusivity-stage K=S ...] <image|.npy> -o <frames.npy>
  The block's own operator over time: float32 [T, h, w] (energy, channel N) or [T, h, w, 3] (pca). vHeat and HcNet only.`,
  spectrum: `vheat spectrum ${MODEL_OPTIONS} --stage K --block J [--mean] -o <k.npy>
  A vHeat block's learned diffusivity k over frequencies: float32 [h, w, C] at the stage size, or [h, w] with --mean.`,
};

export const USAGE = `usage:
${Object.values(COMMAND_USAGE).map((u) => `  ${u.split('\n')[0]}`).join('\n')}
  vheat --version
  vheat <command> --help`;
