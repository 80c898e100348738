// Asks the worker for the full-resolution frame stack of a request and turns the frames into ImageBitmaps
// (drawn to the canvas without copying pixels on every animation frame). Only the newest request counts: a
// newer one makes the worker drop the running one at its next frame (ticket), and late answers are ignored.
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../actions';
import { engine } from '../../engine';
import type { Busy } from '../../store';
import type { FullResRequest, FullResResult } from '../../worker/protocol';

export interface FullResFrames {
  result: FullResResult;
  spectral: ImageBitmap[];
  explicit: ImageBitmap[] | null;
}

async function toBitmaps(frames: Uint8ClampedArray[], width: number, height: number): Promise<ImageBitmap[]> {
  return Promise.all(frames.map((f) => createImageBitmap(new ImageData(f as Uint8ClampedArray<ArrayBuffer>, width, height))));
}

function closeAll(f: FullResFrames | null): void {
  f?.spectral.forEach((b) => b.close());
  f?.explicit?.forEach((b) => b.close());
}

let nextTicket = 1;

/** The stack for `request` (null: nothing asked yet), whether one is being computed, and the last error. */
export function useFullResolutionFrames(request: Omit<FullResRequest, 'ticket'> | null, key: string): { frames: FullResFrames | null; busy: Busy | null; error: string | null } {
  const [frames, setFrames] = useState<FullResFrames | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const shown = useRef<FullResFrames | null>(null);
  const requestRef = useRef(request);
  requestRef.current = request;

  useEffect(() => {
    const req = requestRef.current;
    if (!req) return;
    const ticket = nextTicket++;
    latest.current = ticket;
    setBusy({ label: 'starting', fraction: 0 });
    const onProgress = (fraction: number, label: string) => latest.current === ticket && setBusy({ label, fraction });
    engine()
      .call('fullResHeat', { ...req, ticket }, onProgress)
      .then(async (result) => {
        const spectral = await toBitmaps(result.frames, result.width, result.height);
        const explicit = result.explicitFrames ? await toBitmaps(result.explicitFrames, result.width, result.height) : null;
        const next = { result, spectral, explicit };
        if (latest.current !== ticket) return closeAll(next);
        closeAll(shown.current);
        shown.current = next;
        setFrames(next);
        setError(null);
        setBusy(null);
      })
      .catch((e) => {
        if (latest.current !== ticket) return; // superseded: the newer request reports
        setError(errorText(e));
        setBusy(null);
      });
  }, [key]);

  useEffect(() => () => closeAll(shown.current), []);
  return { frames, busy, error };
}
