// The command line's exit status for every error code (src/engine/errors.ts's ErrorCode): one table, printed in
// `vheat --help`, so a script can tell a refused input from a wrong command line, a missing backend or a bug.
import type { ErrorCode } from '../engine/errors';
import { helpText } from './helpLanguage';

export const EXIT_STATUS: Record<ErrorCode, number> = {
  unreadable: 1,
  'unknown-format': 1,
  malformed: 1,
  'too-large': 1,
  forbidden: 1,
  unsupported: 1,
  'invalid-value': 1,
  mismatch: 1,
  usage: 2,
  internal: 3,
  unavailable: 4,
  interrupted: 4,
  network: 4,
};

/** The exit statuses as `vheat --help` states them in English (the catalogue's exitStatus, ./locales/<language>/cli.json). */
export const EXIT_STATUS_HELP = helpText('en')('exitStatus');
