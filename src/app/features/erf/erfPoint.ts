// The image point the ERF figures are about: the one the user picked, or the image centre before any pick, so the
// figures are drawn on arrival.
import { useMemo } from 'react';
import { useApp } from '../../store';

export interface ErfPoint {
  row: number;
  col: number;
}

export function erfPoint(probe: ErfPoint | null, inputSize: number): ErfPoint {
  return probe ?? { row: Math.floor(inputSize / 2), col: Math.floor(inputSize / 2) };
}

/** The ERF point for the current image, or null before the first image. */
export function useErfPoint(): ErfPoint | null {
  const probe = useApp((s) => s.probe);
  const side = useApp((s) => s.image?.inputSize ?? 0);
  return useMemo(() => (side > 0 ? erfPoint(probe, side) : null), [probe, side]);
}
