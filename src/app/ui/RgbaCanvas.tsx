import { useEffect, useRef } from 'react';

/** Draws RGBA pixels (size x size) at native resolution; CSS scales it. */
export function RgbaCanvas({ data, size, label, className, testId }: { data: Uint8ClampedArray; size: number; label: string; className?: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c || size === 0) return;
    c.width = size;
    c.height = size;
    c.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(data), size, size), 0, 0);
  }, [data, size]);
  return <canvas ref={ref} className={className} role="img" aria-label={label} data-testid={testId} />;
}
