// A model's size for the backend choice (kernelChoice.ts): multiply-adds of one forward pass of one image,
// estimated from the config (the 1x1 linear maps, MLP, 3x3 convs and the heat operator's four 1-D transforms;
// norms, activations and the pool are left out: they are O(C) per pixel against O(C^2)).
import type { ModelConfig } from '../config';

/** G multiply-adds of one H x W image through `config` (estimate; exact for the terms it counts). */
export function modelGmacs(config: ModelConfig, h: number, w: number): number {
  const dims = config.dims;
  let hs = Math.ceil(h / 4);
  let ws = Math.ceil(w / 4);
  // Stem: 3x3 stride-2 convs 3 -> C0/2 at H/2, C0/2 -> C0 at H/4.
  let macs = 9 * 3 * (dims[0] / 2) * (hs * 2) * (ws * 2) + 9 * (dims[0] / 2) * dims[0] * hs * ws;
  dims.forEach((c, i) => {
    if (i > 0) {
      hs = Math.ceil(hs / 2);
      ws = Math.ceil(ws / 2);
      macs += 9 * dims[i - 1] * c * hs * ws; // downsample conv
    }
    const pixels = hs * ws;
    // depthwise 3x3, in-projection C -> 2C, heat (DCT + inverse along H and W), out-projection, MLP.
    const perBlock = 9 * c + 2 * c * c + 2 * (hs + ws) * c + c * c + 2 * config.mlpRatio * c * c;
    macs += config.depths[i] * pixels * perBlock;
  });
  macs += dims[dims.length - 1] * config.numClasses;
  return macs / 1e9;
}
