// A canvas showing one frame of a map stack at its native resolution, scaled by CSS (pixelated).
import { useEffect, useRef, useState } from 'react';
import type { MapStack } from '../../worker/protocol';
import type { ColormapName } from '../../../engine/display/colormap';
import { mapFrameImage } from './mapFrame';
import { gridKeyTarget } from './gridKeys';
import { useT } from '../../i18n/i18n';

export interface MapCanvasProps {
  map: MapStack;
  frame?: number;
  colormap?: ColormapName;
  /** 0..255 opacity of the drawn pixels, or 'by-value' for magnitude overlays (overlays set CSS opacity). */
  alpha?: number | 'by-value';
  /** Draw display values v as (v - lo) / (hi - lo): one frame on its own colour scale. */
  valueWindow?: [number, number];
  /** CSS opacity of the canvas (overlays on the image). */
  opacity?: number;
  className?: string;
  label: string;
  testId?: string;
  onPick?: (row: number, col: number) => void;
}

export function MapCanvas({ map, frame = 0, colormap = 'inferno', alpha = 255, valueWindow, opacity, className, label, testId, onPick }: MapCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  // Keyboard cursor for pickable maps (starts at the centre; arrows move it, Enter picks).
  const [cursor, setCursor] = useState<{ row: number; col: number } | null>(null);
  const t = useT('common');
  const cmap = map.signed ? 'diverging' : colormap;
  useEffect(() => {
    const c = ref.current;
    if (!c || map.width === 0 || map.height === 0) return;
    c.width = map.width;
    c.height = map.height;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(mapFrameImage(map, frame, cmap, alpha, valueWindow), 0, 0);
  }, [map, frame, cmap, alpha, valueWindow?.[0], valueWindow?.[1]]); // eslint-disable-line react-hooks/exhaustive-deps -- the window by value
  return (
    <canvas
      ref={ref}
      className={className}
      role={onPick ? 'button' : 'img'}
      tabIndex={onPick ? 0 : undefined}
      aria-label={onPick ? t('map.pickable', { label }) : label}
      data-testid={testId}
      data-width={map.width}
      data-height={map.height}
      style={opacity === undefined ? undefined : { opacity }}
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
