// HcNet's neighbour-count map (the official mean_num buffer is this map at the train size).

/** Neighbour count inside an h x w map (8 inside, 5 on edges, 3 in corners): HcNet's mean_num. */
export function neighbourCounts(h: number, w: number): Float32Array {
  const out = new Float32Array(h * w);
  for (let y = 0; y < h; y++) {
    const ny = Math.min(y + 1, h - 1) - Math.max(y - 1, 0) + 1;
    for (let x = 0; x < w; x++) {
      const nx = Math.min(x + 1, w - 1) - Math.max(x - 1, 0) + 1;
      out[y * w + x] = ny * nx - 1;
    }
  }
  return out;
}
