// A canvas showing one frame of a map stack at its native resolution, scaled by CSS (pixelated).
import { useEffect, useRef } from 'react';
import type { MapStack } from '../worker/protocol';
import { mapToRgba, type ColormapName } from './colormap';

export interface MapCanvasProps {
  map: MapStack;
  frame?: number;
  colormap?: ColormapName;
  /** 0..255 opacity of the drawn pixels (overlays use less than 255), or 'by-value' for magnitude overlays. */
  alpha?: number | 'by-value';
  className?: string;
  label: string;
  testId?: string;
  onPick?: (row: number, col: number) => void;
}

export function MapCanvas({ map, frame = 0, colormap = 'inferno', alpha = 255, className, label, testId, onPick }: MapCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const cmap = map.signed ? 'diverging' : colormap;
  useEffect(() => {
    const c = ref.current;
    if (!c || map.width === 0 || map.height === 0) return;
    c.width = map.width;
    c.height = map.height;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const f = Math.min(Math.max(frame, 0), map.frames - 1);
    ctx.putImageData(new ImageData(mapToRgba(map.data, f, map.height, map.width, map.channels, cmap, alpha), map.width, map.height), 0, 0);
  }, [map, frame, cmap, alpha]);
  return (
    <canvas
      ref={ref}
      className={className}
      role="img"
      aria-label={label}
      data-testid={testId}
      onClick={
        onPick &&
        ((e) => {
          const r = e.currentTarget.getBoundingClientRect();
          onPick(Math.floor(((e.clientY - r.top) / r.height) * map.height), Math.floor(((e.clientX - r.left) / r.width) * map.width));
        })
      }
    />
  );
}
