// What the page says for an error: one line that starts with what the error's code means to a person (the codes of
// src/engine/errors.ts, the same ones the command line maps to exit statuses) and goes on with the file and the
// reason, or the message.
import { clipText, errorCode, type ErrorCode } from '../engine/errors';

export const CODE_MESSAGE: Record<ErrorCode, string> = {
  unreadable: 'Could not be read',
  'unknown-format': 'Not a format Heat Lab reads',
  malformed: 'The file is damaged',
  'too-large': 'Too large for this tab',
  forbidden: 'Refused for safety',
  unsupported: 'Not supported',
  'invalid-value': 'A value is out of range',
  mismatch: 'The parts do not fit together',
  usage: 'Not possible now',
  unavailable: 'Not available in this browser',
  interrupted: 'Stopped before the end',
  internal: 'Unexpected error',
  network: 'The download failed',
};

/** One line for an error shown on the page: its code's meaning, then `file: reason` (or the message). */
export function errorText(e: unknown): string {
  const fields = e as { file?: unknown; reason?: unknown } | null;
  const detail =
    fields && typeof fields.file === 'string' && typeof fields.reason === 'string' && fields.file && fields.reason
      ? `${fields.file}: ${fields.reason}`
      : e instanceof Error ? e.message : String(e);
  return clipText(`${CODE_MESSAGE[errorCode(e)]}: ${detail}`);
}
