// Reads a model pair written by bench/onnx/export_pair.py (bench/models/NAME.{json,pth,onnx,input.bin}),
// fetched from the Vite server that serves the benchmark page. Sizes are checked against the metadata.

/** NAME.json as export_pair.py writes it. */
export interface PairMeta {
  name: string;
  source: string;
  /** Which weights of a training checkpoint; null for a bare state dict. */
  weights: 'ema' | 'model' | null;
  seed: number;
  inputSize: number;
  numClasses: number;
  params: number;
  onnxBytes: number;
  pthBytes: number;
  anchor: { input: string; layout: string; shape: [1, 3, number, number]; logits: number[] };
  torch: string;
}

export interface ModelPair {
  meta: PairMeta;
  /** The PyTorch checkpoint our engine loads with loadModelFile. */
  pth: Uint8Array;
  pthFile: string;
  /** The same module exported to ONNX (opset 17). */
  onnx: Uint8Array;
  /** The anchor input, NCHW float32, and PyTorch's logits on it (meta.anchor.logits). */
  anchorNchw: Float32Array;
}

export const MODELS_URL = '/bench/models/';

async function fetchBytes(url: string, expected: number | null): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} (run bench/onnx/export_pair.py first, see BENCHMARKS.md)`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (expected !== null && bytes.length !== expected) throw new Error(`${url}: ${bytes.length} bytes, the pair's metadata says ${expected}`);
  return bytes;
}

/** Fetches every file of pair `name`; throws naming the file when one is missing or truncated. */
export async function fetchPair(name: string): Promise<ModelPair> {
  const res = await fetch(`${MODELS_URL}${name}.json`);
  const text = res.ok ? await res.text() : '';
  // Vite answers unknown paths with index.html: a pair that does not exist is not JSON.
  if (!res.ok || !text.trimStart().startsWith('{')) {
    throw new Error(`${MODELS_URL}${name}.json is missing: run /usr/bin/python3 bench/onnx/export_pair.py ... --name ${name}`);
  }
  const meta = JSON.parse(text) as PairMeta;
  const [pth, onnx, input] = await Promise.all([
    fetchBytes(`${MODELS_URL}${name}.pth`, meta.pthBytes),
    fetchBytes(`${MODELS_URL}${name}.onnx`, meta.onnxBytes),
    fetchBytes(`${MODELS_URL}${meta.anchor.input}`, 4 * meta.anchor.shape.reduce((a, b) => a * b, 1)),
  ]);
  const anchorNchw = new Float32Array(input.buffer, input.byteOffset, input.byteLength / 4);
  return { meta, pth, pthFile: `${name}.pth`, onnx, anchorNchw };
}
