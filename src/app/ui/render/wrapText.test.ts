// The exported figures' captions wrap between words in English and between characters in Chinese (no spaces there).
import { describe, expect, it } from 'vitest';
import { wrapText } from './exportFigure';

/** A context whose text is 10 px a character. */
const ctx = { measureText: (s: string) => ({ width: 10 * s.length }) } as unknown as CanvasRenderingContext2D;

describe('wrapText', () => {
  it('breaks English between words, keeping one space between them', () => {
    expect(wrapText(ctx, 'the heat  spreads out', 100)).toEqual(['the heat', 'spreads', 'out']);
  });
  it('breaks Chinese between characters, and keeps the spaces around Latin names', () => {
    expect(wrapText(ctx, '热传导在 vHeat 的每个块中扩散', 80)).toEqual(['热传导在', 'vHeat 的每', '个块中扩散']);
  });
});
