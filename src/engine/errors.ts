// The one typed error for every input the project refuses: a weight file, an image, a .npy, metadata.
// Like safetensors' error kinds, each refusal carries a code from a closed union, so callers (the CLI's
// exit codes, the worker's serialisation, tests) branch on the code, never on the wording.

/** Why an input was refused. Closed: add a member here, never pass a free string. */
export type InputErrorCode =
  | 'unreadable' // the file could not be read at all (I/O, empty)
  | 'unknown-format' // not a format the reader knows (bad magic)
  | 'malformed' // the format's own structure is broken (truncated, bad offsets, bad header)
  | 'too-large' // over a limit: file size, header bytes, inflated bytes, objects, pixels, scans
  | 'forbidden' // asks for something never allowed (a pickle global outside the allowlist)
  | 'unsupported' // well-formed but outside what the project handles (dtype, layout, image type)
  | 'invalid-value' // a value outside its range (NaN/Inf weights, metadata out of range)
  | 'mismatch' // parts disagree (shapes, duplicated names, one storage read two ways, config vs tensors)
  | 'network' // a download that did not arrive: no network, a proxy refusal, an HTTP error status
  | 'usage'; // a caller asked for something impossible (no model loaded, disposed model)

/**
 * The code of every error the project throws: an input's refusal (above), or one of the kinds that are no input's
 * fault. Closed like InputErrorCode: the CLI's exit statuses (src/cli/exitStatus.ts) and the page's messages
 * (src/app/errorText.ts) map each member.
 */
export type ErrorCode =
  | InputErrorCode
  | 'unavailable' // a backend or device that cannot start here (no WebGPU adapter, no MediaRecorder)
  | 'interrupted' // the work was stopped before it finished (the user stopped it, the worker was replaced)
  | 'internal'; // a broken promise inside the project's own code: a bug, never the user's input

export const ERROR_CODES: readonly ErrorCode[] = [
  'unreadable', 'unknown-format', 'malformed', 'too-large', 'forbidden', 'unsupported', 'invalid-value', 'mismatch', 'usage',
  'unavailable', 'interrupted', 'internal',
];

/** The code of any thrown value: its own when it carries one from the union, else 'internal'. */
export function errorCode(e: unknown): ErrorCode {
  const code = (e as { code?: unknown } | null)?.code;
  return (ERROR_CODES as readonly unknown[]).includes(code) ? (code as ErrorCode) : 'internal';
}

/** A precondition of the project's own code broken by its caller (a kernel given a shape it never takes, a plot
 *  given no points): a bug to report, code 'internal'. Inputs from outside are refused with InputError instead. */
export class InternalError extends Error {
  readonly code = 'internal' as const;

  constructor(message: string) {
    super(clipText(message));
    this.name = 'InternalError';
  }
}

/** Something this machine or browser cannot do (no WebGPU adapter, no video encoder), code 'unavailable'. */
export class UnavailableError extends Error {
  readonly code = 'unavailable' as const;

  constructor(message: string) {
    super(clipText(message));
    this.name = 'UnavailableError';
  }
}

/** Longest message an error may carry: one line a person can read; hostile strings never pass whole. */
export const MAX_ERROR_MESSAGE = 300;

/** One line, at most `max` characters: control characters become spaces and the tail becomes '…'. */
export function clipText(text: string, max = MAX_ERROR_MESSAGE): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** An input the project refuses: names the file (as the user gave it, never a resolved path) and the reason. */
export class InputError extends Error {
  readonly file: string;
  readonly reason: string;
  readonly code: InputErrorCode;

  constructor(file: string, reason: string, code: InputErrorCode) {
    const f = clipText(file, 80);
    const r = clipText(reason, MAX_ERROR_MESSAGE - f.length - 2);
    super(`${f}: ${r}`);
    this.name = 'InputError';
    this.file = f;
    this.reason = r;
    this.code = code;
  }
}

/** A request the engine cannot serve in its present state (no model loaded, a model disposed, a
 *  backend that will not start): code 'usage' (or 'unsupported'), naming what was asked for. */
export class EngineStateError extends InputError {
  constructor(what: string, reason: string, code: InputErrorCode = 'usage') {
    super(what, reason, code);
    this.name = 'EngineStateError';
  }
}

/** True for any InputError, also one that crossed a worker boundary as a plain object with the same fields. */
export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}

/** A name from a file, quoted for a message: JSON-quoted and clipped, so a hostile key or dtype never floods a line. */
export function quoted(name: unknown, max = 60): string {
  const s = typeof name === 'string' ? name : String(name);
  return JSON.stringify(s.length > max ? `${s.slice(0, max - 1)}…` : s);
}
