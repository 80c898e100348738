// A canvas showing one frame of a map stack at its native resolution, scaled by CSS (pixelated).
import { useEffect, useRef, useState } from 'react';
import type { MapStack } from '../worker/protocol';
import { mapToRgba, type ColormapName } from '../../engine/display/colormap';
import { gridKeyTarget } from './gridKeys';

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
  // Keyboard cursor for pickable maps (starts at the centre; arrows move it, Enter picks).
  const [cursor, setCursor] = useState<{ row: number; col: number } | null>(null);
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
      role={onPick ? 'button' : 'img'}
      tabIndex={onPick ? 0 : undefined}
      aria-label={onPick ? `${label} (arrow keys move the point, Enter places it)` : label}
      data-testid={testId}
      onKeyDown={
        onPick &&
        ((e) => {
          const from = cursor ?? { row: Math.floor(map.height / 2), col: Math.floor(map.width / 2) };
          const to = gridKeyTarget(e.key, e.shiftKey, from, map.height, map.width);
          if (!to) return;
          e.preventDefault();
          setCursor(to);
          onPick(to.row, to.col);
        })
      }
      onClick={
        onPick &&
        ((e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const at = { row: Math.floor(((e.clientY - r.top) / r.height) * map.height), col: Math.floor(((e.clientX - r.left) / r.width) * map.width) };
          setCursor(at);
          onPick(at.row, at.col);
        })
      }
    />
  );
}
