// The per-layer heat animation as a WebM video: every time of the axis drawn as the page's figure is (the model
// input, the heat map over it at the page's opacity, that frame's colour bar, the caption with its t).
import { drawFigure } from '../../ui/render/exportFigure';
import { mapFrameImage } from '../../ui/render/mapFrame';
import { recordWebm } from '../../ui/render/recordWebm';
import type { ChannelMode, HeatFramesResult } from '../../worker/protocol';
import { frameScale, heatFigureText, type HeatFigureContext } from './heatFigureText';

export interface HeatVideo {
  frames: HeatFramesResult;
  /** The model input under the map: RGBA pixels, size x size. */
  input: { data: Uint8ClampedArray; size: number };
  context: HeatFigureContext;
  mode: ChannelMode;
  opacity: number;
  smooth: boolean;
}

function canvasOf(image: ImageData): HTMLCanvasElement {
  const c = document.createElement('canvas');
  [c.width, c.height] = [image.width, image.height];
  c.getContext('2d')!.putImageData(image, 0, 0);
  return c;
}

/** Frames per second of the video: the page plays one frame per 120 ms. */
export const HEAT_VIDEO_FPS = 8;

export function heatAnimationWebm(v: HeatVideo, onFrame?: (index: number) => void): Promise<Blob> {
  const base = canvasOf(new ImageData(new Uint8ClampedArray(v.input.data), v.input.size, v.input.size));
  const overlay = document.createElement('canvas');
  const figure = document.createElement('canvas');
  const drawOne = (i: number) => {
    const { scale, window } = frameScale(v.frames, i, v.context.perFrame, v.mode);
    const image = mapFrameImage(v.frames.maps, i, 'inferno', 255, window);
    [overlay.width, overlay.height] = [image.width, image.height];
    overlay.getContext('2d')!.putImageData(image, 0, 0);
    const { title, lead, text } = heatFigureText(v.context, v.frames.times[i]);
    drawFigure(figure, [{ source: base, alpha: 1 }, { source: overlay, alpha: v.opacity }], { title, caption: [lead, text].join(' '), scale, smooth: v.smooth, size: 512 });
  };
  // A video keeps one size: the tallest frame's (captions differ by a line where t's text is longer).
  const count = v.frames.times.length;
  let height = 0;
  for (let i = 0; i < count; i++) {
    drawOne(i);
    height = Math.max(height, figure.height);
  }
  const draw = (out: HTMLCanvasElement, i: number) => {
    drawOne(i);
    if (out.width !== figure.width || out.height !== height) [out.width, out.height] = [figure.width, height];
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(figure, 0, 0);
  };
  return recordWebm(draw, count, HEAT_VIDEO_FPS, onFrame);
}
