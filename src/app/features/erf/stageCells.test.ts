import { describe, expect, it } from 'vitest';
import { cellEdges, cellOfPixel, cellPixelBox } from './stageCells';

describe('stage cells over the image', () => {
  it('a 32-pixel image at stage 0 (stride 4): cells are centred on multiples of 4, edges half a stride before', () => {
    expect(cellEdges(32, 0)).toEqual([2, 6, 10, 14, 18, 22, 26]);
    expect(cellPixelBox({ row: 0, col: 3 }, 32, 0)).toEqual([0, 10, 2, 14]);
    expect(cellPixelBox({ row: 7, col: 7 }, 32, 0)).toEqual([26, 26, 32, 32]);
  });

  it('every pixel chooses the cell whose box holds it, and that cell is centred inside the box', () => {
    for (const stage of [0, 1, 2, 3]) {
      for (let p = 0; p < 32; p++) {
        const { cell, centre } = cellOfPixel({ row: p, col: 31 - p }, 32, stage);
        const [top, left, bottom, right] = cellPixelBox(cell, 32, stage);
        expect(p >= top && p < bottom && 31 - p >= left && 31 - p < right).toBe(true);
        expect(centre.row >= top && centre.row < bottom).toBe(true);
      }
    }
  });

  it('at stage 2 (2x2) a click 30 % across picks cell 1, centred on the image centre: the snap the view must show', () => {
    expect(cellOfPixel({ row: 9.6, col: 9.6 }, 32, 2)).toEqual({ cell: { row: 1, col: 1 }, centre: { row: 16, col: 16 } });
    expect(cellEdges(32, 2)).toEqual([8]);
    expect(cellEdges(32, 3)).toEqual([]);
  });
});
