// Playback of a frame sequence: while playing, the next frame every `frameMs` (on animation frames), from the
// frame on screen; at the end it starts over (`loop`) or stops. Every animation of the page plays with this.
import { useEffect, useRef, useState } from 'react';

export interface Playback {
  playing: boolean;
  setPlaying(playing: boolean): void;
}

export function usePlayback({ count, index, setIndex, frameMs, loop }: { count: number; index: number; setIndex: (i: number) => void; frameMs: number; loop: boolean }): Playback {
  const [playing, setPlaying] = useState(false);
  const current = useRef({ count, index, setIndex, loop });
  current.current = { count, index, setIndex, loop };
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let raf = 0;
    const tick = (now: number) => {
      if (now - last >= frameMs - 1) {
        last = now;
        const { count: n, index: i, setIndex: show, loop: again } = current.current;
        if (i + 1 < n) show(i + 1);
        else if (again) show(0);
        else {
          setPlaying(false);
          return;
        }
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, frameMs]);
  return { playing, setPlaying };
}
