import { describe, expect, it } from 'vitest';
import { gridKeyTarget } from './gridKeys';

describe('gridKeyTarget', () => {
  it('moves by one cell, by a quarter with Shift, clamps at the borders, picks on Enter/Space', () => {
    const c = { row: 3, col: 3 };
    expect(gridKeyTarget('ArrowUp', false, c, 8, 8)).toEqual({ row: 2, col: 3 });
    expect(gridKeyTarget('ArrowRight', false, c, 8, 8)).toEqual({ row: 3, col: 4 });
    expect(gridKeyTarget('ArrowDown', true, c, 8, 16)).toEqual({ row: 5, col: 3 });
    expect(gridKeyTarget('ArrowLeft', true, c, 8, 16)).toEqual({ row: 3, col: 0 });
    expect(gridKeyTarget('ArrowUp', false, { row: 0, col: 0 }, 8, 8)).toEqual({ row: 0, col: 0 });
    expect(gridKeyTarget('Enter', false, c, 8, 8)).toEqual(c);
    expect(gridKeyTarget(' ', false, c, 8, 8)).toEqual(c);
    expect(gridKeyTarget('a', false, c, 8, 8)).toBeNull();
  });
});
