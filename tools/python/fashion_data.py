"""Fashion-MNIST as published (Debian dataset-fashion-mnist: /usr/share/datasets/fashion-mnist/*.gz, IDX format),
and the exact preprocessing the bundled models use:

1. 28x28 uint8 -> resized to S x S with PIL-style bicubic (a = -0.5; for each output pixel the kernel is centred
   at (i + 0.5) * 28/S - 0.5 in input coordinates, taps outside the image are dropped and the remaining weights
   renormalised to sum 1, as PIL's `precompute_coeffs`), separable (rows then columns), in float64 with no
   intermediate rounding.
2. / 255, replicated to 3 channels (RGB), normalised with MEAN / STD (same value per channel).
Since S >= 28 this is the contract's `preprocess` with resizeTo = inputSize = S (the centre crop is a no-op).
"""
import gzip
import math
import os

import numpy as np

DATA_DIR = '/usr/share/datasets/fashion-mnist'
LABELS = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']
# Fashion-MNIST training-set pixel statistics in [0, 1] (computed on the 60k 28x28 train images).
MEAN = 0.2860
STD = 0.3530
MAX_IDX_BYTES = 64 << 20  # the files are ~26 MB unpacked; refuse anything larger


def read_idx(path: str) -> np.ndarray:
    with gzip.open(path, 'rb') as f:
        raw = f.read(MAX_IDX_BYTES + 1)
    if len(raw) > MAX_IDX_BYTES:
        raise ValueError(f'{path}: larger than {MAX_IDX_BYTES} bytes')
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f'{path}: not an unsigned-byte IDX file')
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(ndim)]
    n = int(np.prod(dims))
    off = 4 + 4 * ndim
    if len(raw) != off + n:
        raise ValueError(f'{path}: size {len(raw)} does not match header dims {dims}')
    return np.frombuffer(raw, dtype=np.uint8, offset=off).reshape(dims).copy()


def load_split(train: bool):
    p = 'train' if train else 't10k'
    x = read_idx(os.path.join(DATA_DIR, f'{p}-images-idx3-ubyte.gz'))
    y = read_idx(os.path.join(DATA_DIR, f'{p}-labels-idx1-ubyte.gz')).astype(np.int64)
    return x, y


def _cubic(x: np.ndarray, a: float = -0.5) -> np.ndarray:
    x = np.abs(x)
    return np.where(x < 1, ((a + 2) * x - (a + 3)) * x * x + 1,
                    np.where(x < 2, (((x - 5) * x + 8) * x - 4) * a, 0.0))


def bicubic_matrix(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) resampling matrix, PIL `precompute_coeffs` with the bicubic filter (support 2)."""
    scale = n_in / n_out
    fscale = max(scale, 1.0)
    support = 2.0 * fscale
    m = np.zeros((n_out, n_in), dtype=np.float64)
    for i in range(n_out):
        center = (i + 0.5) * scale
        xmin = max(int(math.floor(center - support + 0.5)), 0)
        xmax = min(int(math.floor(center + support + 0.5)), n_in)
        xs = np.arange(xmin, xmax)
        w = _cubic((xs - center + 0.5) / fscale)
        m[i, xmin:xmax] = w / w.sum()
    return m


def resize_images(x: np.ndarray, size: int) -> np.ndarray:
    """uint8 (N, 28, 28) -> float32 (N, S, S) in [0, 255] scale (not rounded, not clipped)."""
    r = bicubic_matrix(x.shape[1], size)
    c = bicubic_matrix(x.shape[2], size)
    out = np.einsum('ih,nhw,jw->nij', r, x.astype(np.float64), c, optimize=True)
    return out.astype(np.float32)


def to_input(resized: np.ndarray) -> np.ndarray:
    """float (N, S, S) in [0,255] -> normalised float32 NCHW (N, 3, S, S)."""
    v = (resized / 255.0 - MEAN) / STD
    return np.repeat(v[:, None, :, :], 3, axis=1).astype(np.float32)
