// A progress line on stderr for work that takes more than a second ("erf: 12/50 images"), rewritten in place;
// silent when stderr is not a terminal (pipes, logs, tests), so scripted output stays clean.

/** Nothing is shown before this much time has passed (fast runs print nothing). */
const SHOW_AFTER_MS = 1000;

export interface Progress {
  /** done out of total, with what is counted ("images"). */
  update(done: number, total: number): void;
  /** A fraction in [0, 1], shown as a percentage. */
  fraction(f: number): void;
  /** Ends the line (if one was shown). */
  end(): void;
}

interface LineOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function progressLine(label: string, unit = '', stream: LineOutput = process.stderr, now: () => number = () => Date.now()): Progress {
  const start = now();
  let shown = false;
  const show = (what: string) => {
    if (!stream.isTTY || now() - start < SHOW_AFTER_MS) return;
    const seconds = ((now() - start) / 1000).toFixed(0);
    stream.write(`\r${label}: ${what} (${seconds} s)\u001b[K`);
    shown = true;
  };
  return {
    update: (done, total) => show(`${done}/${total} ${unit}`),
    fraction: (f) => show(`${Math.round(Math.min(Math.max(f, 0), 1) * 100)}%`),
    end() {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}
