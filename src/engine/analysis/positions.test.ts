import { describe, expect, it } from 'vitest';
import { stageSize } from '../config';
import { AnalysisInputError } from './errors';
import { diffusionTimes } from './heatFrames';
import { recordedSteps } from './hcnetSteps';
import { imageToStagePosition, stageCentre, stageStride, stageToImagePosition } from './positions';

describe('image <-> stage positions', () => {
  it('a stage position maps back to itself through its receptive-field centre', () => {
    for (const side of [32, 37, 224, 225]) {
      for (let stage = 0; stage < 4; stage++) {
        const n = stageSize(side, stage);
        for (let o = 0; o < n; o++) {
          const px = stageToImagePosition({ row: o, col: n - 1 - o }, side, side, stage);
          expect(px.row).toBeLessThan(side);
          expect(imageToStagePosition(px, side, side, stage)).toEqual({ row: o, col: n - 1 - o });
        }
      }
    }
  });

  it('every image pixel goes to the stage position with the nearest centre', () => {
    const side = 50;
    for (let stage = 0; stage < 4; stage++) {
      const n = stageSize(side, stage);
      const s = stageStride(stage);
      for (let r = 0; r < side; r++) {
        const got = imageToStagePosition({ row: r, col: 0 }, side, side, stage).row;
        let best = 0;
        for (let o = 1; o < n; o++) if (Math.abs(o * s - r) < Math.abs(best * s - r)) best = o;
        // ties (r exactly between two centres) round up
        expect(Math.abs(got * s - r)).toBe(Math.abs(best * s - r));
      }
    }
  });

  it('centre is (h // 2, w // 2) of the stage map, as the official ERF script takes it', () => {
    expect(stageCentre(224, 224, 3)).toEqual({ row: 3, col: 3 });
    expect(stageCentre(32, 48, 0)).toEqual({ row: 4, col: 6 });
    expect(stageToImagePosition(stageCentre(1024, 1024, 3), 1024, 1024, 3)).toEqual({ row: 512, col: 512 });
  });

  it('rejects positions outside the image or map', () => {
    expect(() => imageToStagePosition({ row: 32, col: 0 }, 32, 32, 0)).toThrow(AnalysisInputError);
    expect(() => stageToImagePosition({ row: 0, col: 8 }, 32, 32, 0)).toThrow(AnalysisInputError);
  });
});

describe('frame schedules', () => {
  it('diffusion times start at 0, end at tMax, grow monotonically and include small t', () => {
    const t = diffusionTimes(9, 4);
    expect(t[0]).toBe(0);
    expect(t[8]).toBe(4);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
    expect(t.filter((x) => x <= 1).length).toBeGreaterThanOrEqual(4);
    expect(() => diffusionTimes(0)).toThrow(AnalysisInputError);
  });

  it('recorded steps keep 0, every r-th step and the last', () => {
    expect(recordedSteps(7, 3)).toEqual([0, 3, 6, 7]);
    expect(recordedSteps(6, 3)).toEqual([0, 3, 6]);
    expect(recordedSteps(0)).toEqual([0]);
  });
});
