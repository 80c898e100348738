// Every limit on untrusted input, in one place: the command line and the browser worker read the same
// files with the same code and the same numbers. Documented in src/engine/weights/README.md (Limits).
// Each bounds an intermediate the readers allocate or a loop they run, so that a hostile file is refused
// in well under 5 s and 500 MB instead of crashing, hanging or exhausting memory.

/** Largest model file read at all (the largest official vHeat-B is about 350 MB). */
export const MAX_MODEL_FILE_BYTES = 1024 ** 3;
/** Largest image file read (a photo is far smaller). */
export const MAX_IMAGE_FILE_BYTES = 100 * 1024 ** 2;
/** Largest .npy input file. */
export const MAX_NPY_FILE_BYTES = 512 * 1024 ** 2;

/** Most bytes inflated from one file, all zip entries together (data.pkl plus the storages it needs). */
export const MAX_INFLATED_BYTES_PER_FILE = 1536 * 1024 ** 2;
/** Storages may hold more than their tensors (views of a larger tensor), but not this many times more. */
export const MAX_STORAGE_OVERHEAD = 2;
/** Largest data.pkl (a real checkpoint's is well under 1 MB: names, shapes, a training config). */
export const MAX_PICKLE_BYTES = 64 * 1024 ** 2;
/** Most entries in one zip archive. */
export const MAX_ZIP_ENTRIES = 100_000;

/** Most opcodes one pickle may execute. */
export const MAX_PICKLE_OPS = 10_000_000;
/** Most objects (lists, tuples, dicts, sets, calls, tensor records) one pickle may create (a vHeat-B training
 *  checkpoint with EMA and optimizer state creates about 25 000). */
export const MAX_PICKLE_OBJECTS = 500_000;
/** Most memo entries. */
export const MAX_PICKLE_MEMO = 500_000;
/** Deepest pickle stack. */
export const MAX_PICKLE_STACK = 100_000;
/** Longest string or bytes object in a pickle. */
export const MAX_PICKLE_STRING_BYTES = 64 * 1024 ** 2;
/** Most items in one list, dict or set. */
export const MAX_PICKLE_CONTAINER_ITEMS = 10_000_000;
/** Deepest object nesting. */
export const MAX_PICKLE_DEPTH = 1000;

/** Most tensors in one file (vHeat-B has about 600; a training checkpoint with optimizer state a few thousand). */
export const MAX_TENSORS_PER_FILE = 100_000;
/** Most float32 values one model file may decode to (2 GiB). */
export const MAX_DECODED_ELEMENTS = 2 ** 29;
/** Largest safetensors JSON header (the reference implementation's limit). */
export const MAX_HEADER_BYTES = 100_000_000;
/** Most JSON values (separators) in a safetensors header: bounds what parsing it builds in memory. */
export const MAX_HEADER_TOKENS = 2_000_000;
/** Longest tensor name. */
export const MAX_TENSOR_NAME_CHARS = 1024;

/** Most pixels of a decoded image (about 40 megapixels: a 24 MP camera photo passes). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Most pixels of any resampling intermediate (the resized image before the crop) and of the coefficient tables. */
export const MAX_INTERMEDIATE_PIXELS = 40_000_000;
/** Most scans in a (progressive) JPEG; real files have about 10. */
export const MAX_JPEG_SCANS = 100;
/** Most scans x frame pixels of a JPEG (decoding work): a 24 MP progressive photo with 10 scans passes. */
export const MAX_JPEG_SCAN_PIXELS = 400_000_000;
/** JPEG headers before the first frame are walked for at most this many bytes (EXIF thumbnails, ICC). */
export const MAX_JPEG_HEADER_BYTES = 4 * 1024 ** 2;
/** Most chunks in a PNG. */
export const MAX_PNG_CHUNKS = 100_000;

/** Model input side: the CLI's --size and a file's preprocessing.inputSize share these bounds. */
export const MIN_INPUT_SIZE = 32;
export const MAX_INPUT_SIZE = 4096;
/** preprocessing.resizeTo: at most twice the largest input side. */
export const MAX_RESIZE_TO = 2 * MAX_INPUT_SIZE;
/** preprocessing.mean: each channel within +-MAX_ABS_MEAN (images are normalised from [0, 1]). */
export const MAX_ABS_MEAN = 10;
/** preprocessing.std: each channel within [MIN_STD, MAX_STD]. */
export const MIN_STD = 1e-3;
export const MAX_STD = 100;
/** config.trainResolution, like the input side. */
export const MAX_TRAIN_RESOLUTION = MAX_INPUT_SIZE;
/** config.dims: channel widths. */
export const MAX_CHANNELS = 8192;
/** config.depths: blocks per stage. */
export const MAX_DEPTH = 256;
/** config.numClasses and label count. */
export const MAX_CLASSES = 100_000;

/**
 * The resource budget of one piece of work (a forward pass, an ERF, an image decode), checked before it starts
 * (src/engine/budget.ts estimates it from the model's config and the input's size). The defaults fit a phone's
 * browser tab and a small server (a 1 GB machine runs two commands with the process itself, ~150 MB): 320 MiB of
 * working memory (in a browser that reports navigator.deviceMemory, an eighth of it when that is more: 1 GiB on an
 * 8 GB desktop, 512 MiB on a 4 GB phone) and 30 s of estimated time on the CPU path (not checked on WebGPU, whose
 * speed the estimate does not know). The command line raises them with --memory-budget MB and --time-budget S.
 */
export const DEFAULT_MEMORY_BUDGET_BYTES = 320 * 1024 ** 2;
export const DEFAULT_TIME_BUDGET_S = 30;
/** Most a budget may be raised to (the engine's own ceilings stay: MAX_INPUT_SIZE, MAX_IMAGE_PIXELS...). */
export const MAX_MEMORY_BUDGET_BYTES = 64 * 1024 ** 3;
export const MAX_TIME_BUDGET_S = 24 * 3600;
