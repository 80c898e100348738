// An animation as a WebM video: a canvas redrawn frame by frame while MediaRecorder captures it. Shared by the
// per-layer heat view and the full-resolution view (each brings its own way of drawing a frame).
import { UnavailableError } from '../../../engine/errors';

import { withWebmDuration } from './webmDuration';

const WEBM_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

/** Draws frame `index` into `canvas` (sizing the canvas itself). */
export type FrameDrawer = (canvas: HTMLCanvasElement, index: number) => void;

/** Every frame once at `fps` frames per second, the last held for half a second, as WebM. */
export async function recordWebm(draw: FrameDrawer, count: number, fps: number, onFrame?: (index: number) => void): Promise<Blob> {
  if (typeof MediaRecorder === 'undefined') throw new UnavailableError('this browser has no MediaRecorder: the video cannot be made');
  const mimeType = WEBM_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
  if (!mimeType) throw new UnavailableError('this browser cannot record WebM video');
  const canvas = document.createElement('canvas');
  canvas.className = 'offscreen-recorder';
  document.body.append(canvas); // captured while attached: some browsers skip detached canvases
  try {
    draw(canvas, 0);
    const stream = canvas.captureStream(fps);
    const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 4_000_000 });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
    const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
    recorder.start(250);
    const started = performance.now();
    const frameMs = 1000 / fps;
    for (let i = 0; i < count; i++) {
      draw(canvas, i);
      onFrame?.(i);
      await new Promise((r) => setTimeout(r, frameMs));
    }
    await new Promise((r) => setTimeout(r, 500));
    recorder.stop();
    await stopped;
    const durationMs = performance.now() - started;
    stream.getTracks().forEach((t) => t.stop());
    // MediaRecorder leaves the duration out of the header (players show Infinity): written in afterwards.
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    return new Blob([withWebmDuration(bytes, durationMs)], { type: 'video/webm' });
  } finally {
    canvas.remove();
  }
}
