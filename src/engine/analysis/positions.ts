// Mapping between input-image pixels and stage-map positions.
// Every down-sampling in both families is a 3x3 conv, stride 2, padding 1: output o is centred on input 2o.
// Stage `st` sits behind st + 2 of them, so its position o is centred on image pixel o * 2^(st+2); a clicked
// image pixel maps to the stage position whose receptive-field centre is nearest (clamped into the map).

import { stageSize } from '../config';
import { AnalysisInputError } from './errors';
import type { MapPosition } from './pointResponse';

/** Image pixels per stage-map step: 2^(stage+2). */
export function stageStride(stage: number): number {
  if (!Number.isInteger(stage) || stage < 0) throw new AnalysisInputError(`bad stage ${stage}`);
  return 2 ** (stage + 2);
}

function checkImagePosition(p: MapPosition, h: number, w: number): void {
  if (!Number.isInteger(p.row) || !Number.isInteger(p.col) || p.row < 0 || p.row >= h || p.col < 0 || p.col >= w) {
    throw new AnalysisInputError(`pixel (${p.row}, ${p.col}) is outside the ${h}x${w} image`);
  }
}

/** Stage position whose receptive-field centre is nearest to image pixel p. */
export function imageToStagePosition(p: MapPosition, imageHeight: number, imageWidth: number, stage: number): MapPosition {
  checkImagePosition(p, imageHeight, imageWidth);
  const s = stageStride(stage);
  const h = stageSize(imageHeight, stage);
  const w = stageSize(imageWidth, stage);
  return { row: Math.min(h - 1, Math.round(p.row / s)), col: Math.min(w - 1, Math.round(p.col / s)) };
}

/** Image pixel at the receptive-field centre of stage position p (clamped into the image). */
export function stageToImagePosition(p: MapPosition, imageHeight: number, imageWidth: number, stage: number): MapPosition {
  const h = stageSize(imageHeight, stage);
  const w = stageSize(imageWidth, stage);
  if (!Number.isInteger(p.row) || !Number.isInteger(p.col) || p.row < 0 || p.row >= h || p.col < 0 || p.col >= w) {
    throw new AnalysisInputError(`stage position (${p.row}, ${p.col}) is outside the ${h}x${w} stage ${stage} map`);
  }
  const s = stageStride(stage);
  return { row: Math.min(imageHeight - 1, p.row * s), col: Math.min(imageWidth - 1, p.col * s) };
}

/** The centre position of a stage map as the official ERF script picks it: (h // 2, w // 2). */
export function stageCentre(imageHeight: number, imageWidth: number, stage: number): MapPosition {
  return { row: Math.floor(stageSize(imageHeight, stage) / 2), col: Math.floor(stageSize(imageWidth, stage) / 2) };
}
