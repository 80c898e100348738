// A model file's provenance metadata in words: labels for the keys the converter and the training scripts
// write, values made readable (durations, hashes, storage types); unknown keys are shown as they are.

const LABELS: Record<string, string> = {
  dataset: 'Data set',
  trainedBy: 'Trained by',
  command: 'Training command',
  epochs: 'Epochs',
  weights: 'Weights used',
  testTop1: 'Test top-1',
  testTop1Note: 'How it was measured',
  trainWallSeconds: 'Training time',
  params: 'Parameters',
  inputSize: 'Input size',
  normalisation: 'Normalisation',
  source_file: 'Converted from',
  source_sha256: 'SHA-256 of that file',
  source_format: 'Its format',
  post_norm_from: 'Post-norm decided by',
  storage: 'Stored as',
};

const VALUES: Record<string, (v: string) => string> = {
  weights: (v) => (v === 'ema' ? 'EMA (exponential moving average) weights' : v === 'model' ? 'raw weights (not the EMA copy)' : v),
  testTop1: (v) => `${v} %`,
  trainWallSeconds: (v) => (Number.isFinite(Number(v)) ? `${(Number(v) / 60).toFixed(1)} min` : v),
  params: (v) => (Number.isFinite(Number(v)) ? `${(Number(v) / 1e6).toFixed(2)} M` : v),
  inputSize: (v) => `${v}×${v} pixels`,
  storage: (v) => ({ f32: 'float32', f16: 'float16 (half precision)', bf16: 'bfloat16' })[v] ?? v,
  source_format: (v) => (v === 'torch.save zip' ? 'PyTorch torch.save (zip)' : v),
};

export function provenanceRows(provenance: Record<string, string>): { key: string; label: string; value: string }[] {
  return Object.entries(provenance).map(([key, value]) => ({ key, label: LABELS[key] ?? key, value: VALUES[key]?.(value) ?? value }));
}
