// The output grid of a stage drawn over the input image. A pixel belongs to the stage cell whose receptive-field
// centre is nearest (positions.ts: cell o is centred on pixel o * stride), so cell o covers pixels
// [o*stride - stride/2, o*stride + stride/2), clipped to the image; the last cell also takes the pixels beyond.

import { stageSize } from '../../../engine/config';
import { imageToStagePosition, stageStride, stageToImagePosition } from '../../../engine/analysis/positions';

export interface Cell {
  row: number;
  col: number;
}

/** Pixel edges [top, left, bottom, right) of the image pixels that choose stage cell `cell`. */
export function cellPixelBox(cell: Cell, imageSide: number, stage: number): [number, number, number, number] {
  const stride = stageStride(stage);
  const n = stageSize(imageSide, stage);
  const span = (o: number): [number, number] => [Math.max(0, o * stride - stride / 2), o === n - 1 ? imageSide : Math.min(imageSide, o * stride + stride / 2)];
  const [top, bottom] = span(cell.row);
  const [left, right] = span(cell.col);
  return [top, left, bottom, right];
}

/** The stage cell an image pixel (row, col) chooses, and the pixel at that cell's receptive-field centre. */
export function cellOfPixel(pixel: Cell, imageSide: number, stage: number): { cell: Cell; centre: Cell } {
  const clamp = (v: number) => Math.min(imageSide - 1, Math.max(0, Math.floor(v)));
  const cell = imageToStagePosition({ row: clamp(pixel.row), col: clamp(pixel.col) }, imageSide, imageSide, stage);
  return { cell, centre: stageToImagePosition(cell, imageSide, imageSide, stage) };
}

/** Inner grid lines (pixel edges) between the cells of a stage, the same for rows and columns. */
export function cellEdges(imageSide: number, stage: number): number[] {
  const stride = stageStride(stage);
  const n = stageSize(imageSide, stage);
  return Array.from({ length: n - 1 }, (_, i) => (i + 1) * stride - stride / 2).filter((e) => e > 0 && e < imageSide);
}
