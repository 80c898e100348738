// Keyboard picking on a pixel grid: arrow keys move a position by one cell (with Shift by a quarter of the
// side), Enter or Space picks the current position; each move picks too, so the view follows the keys.

const STEP_KEYS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** The new (row, col) for a key press on an h x w grid, or null when the key is not a picking key. */
export function gridKeyTarget(key: string, shift: boolean, from: { row: number; col: number }, h: number, w: number): { row: number; col: number } | null {
  if (key === 'Enter' || key === ' ') return from;
  const step = STEP_KEYS[key];
  if (!step) return null;
  const dr = step[0] * (shift ? Math.max(1, Math.round(h / 4)) : 1);
  const dc = step[1] * (shift ? Math.max(1, Math.round(w / 4)) : 1);
  return { row: Math.min(h - 1, Math.max(0, from.row + dr)), col: Math.min(w - 1, Math.max(0, from.col + dc)) };
}
