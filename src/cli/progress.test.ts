// The progress line: nothing when stderr is not a terminal, nothing in the first second, then one line rewritten in
// place and ended with a newline.

import { describe, expect, it } from 'vitest';
import { progressLine } from './progress';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (s: string) => writes.push(s) };
}

describe('progressLine', () => {
  it('stays silent when stderr is not a terminal', () => {
    const s = stream(false);
    let t = 0;
    const p = progressLine('erf', 'files', s, () => t);
    t = 5000;
    p.update(3, 10);
    p.fraction(0.5);
    p.end();
    expect(s.writes).toEqual([]);
  });

  it('on a terminal: nothing in the first second, then the line rewritten in place, a newline at the end', () => {
    const s = stream(true);
    let t = 0;
    const p = progressLine('erf', 'files', s, () => t);
    t = 999;
    p.update(1, 10);
    expect(s.writes).toEqual([]);
    t = 2000;
    p.update(4, 10);
    p.fraction(0.257);
    p.end();
    expect(s.writes).toEqual(['\rerf: 4/10 files (2 s)\u001b[K', '\rerf: 26% (2 s)\u001b[K', '\n']);
  });
});
