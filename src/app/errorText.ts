// What the page says for an error: one line that starts with what the error's code means to a person (the codes of
// src/engine/errors.ts, the same ones the command line maps to exit statuses; the headlines are the 'errors'
// catalogue's code.*, in the page's language) and goes on with the file and the reason, or the message (the
// engine's technical detail, verbatim in every language as the command line prints it).
import { clipText, errorCode, type ErrorCode } from '../engine/errors';
import { tFor } from './i18n/i18n';

/** What an error code means to a person, in the page's language. */
export function codeMessage(code: ErrorCode): string {
  return tFor('errors')(`code.${code}`);
}

/** One line for an error shown on the page: its code's meaning, then `file: reason` (or the message). */
export function errorText(e: unknown): string {
  const fields = e as { file?: unknown; reason?: unknown } | null;
  const t = tFor('errors');
  const detail =
    fields && typeof fields.file === 'string' && typeof fields.reason === 'string' && fields.file && fields.reason
      ? t('fileReason', { file: fields.file, reason: fields.reason })
      : e instanceof Error ? e.message : String(e);
  return clipText(t('line', { headline: codeMessage(errorCode(e)), detail }));
}
