// The one numbering of stages and blocks that people see: counted from 1, as the page shows them ("stage 2, block 1"),
// in the URL (?stage=2&block=1), on the command line (--stage 2 --block 1, --diffusivity-stage 2=0.5, the JSON
// it prints) and in exported file names (..._stage2_block1_...). The engine indexes from 0 inside; these two functions
// are the only crossing.

/** The number people see for a 0-based stage or block index. */
export function shownNumber(index: number): number {
  return index + 1;
}

/** The 0-based index of a number people gave (1 = the first), or undefined when it is not a whole number >= 1. */
export function indexOfShown(n: number): number | undefined {
  return Number.isInteger(n) && n >= 1 ? n - 1 : undefined;
}
