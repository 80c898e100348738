// The command line's exit status for every error code (src/engine/errors.ts's ErrorCode): one table, printed in
// `vheat --help`, so a script can tell a refused input from a wrong command line, a missing backend or a bug.
import type { ErrorCode } from '../engine/errors';

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

/** The exit statuses, for `vheat --help`. */
export const EXIT_STATUS_HELP = `exit status:
  0  done
  1  an input refused: a file, image, .npy, metadata or model over a limit, malformed or not matching
     (the line ends with the code: [unreadable] [unknown-format] [malformed] [too-large] [forbidden]
     [unsupported] [invalid-value] [mismatch])
  2  usage: the command line asks for something impossible (the usage follows the message)
  3  internal error: a bug in vheat (its stack follows)
  4  unavailable: the backend asked for cannot start here (--backend webgpu without an adapter) [unavailable],
     the work was stopped before it finished [interrupted], or a download could not reach its server or
     broke off (vheat fetch) [network]`;
