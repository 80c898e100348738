// The full-resolution heat view's settings in the URL hash (#fr=...), next to the query the rest of the app owns:
// mode (uniform k or the chosen block), k, the frame shown, smooth or nearest rendering, the long-side cap.
export interface FullResUrlState {
  mode: 'uniform' | 'block';
  k: number;
  frame: number;
  smooth: boolean;
  maxSide: number | null;
}

export const FULL_RES_DEFAULTS: FullResUrlState = { mode: 'uniform', k: 10, frame: 12, smooth: false, maxSide: null };

const SIDES = [128, 256, 512, 1024];

export function parseFullResHash(hash: string): FullResUrlState {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const fr = q.get('fr');
  if (!fr) return FULL_RES_DEFAULTS;
  const p = new URLSearchParams(fr.replaceAll(';', '&'));
  const k = Number(p.get('k'));
  const frame = Number(p.get('t'));
  const side = Number(p.get('side'));
  return {
    mode: p.get('mode') === 'block' ? 'block' : 'uniform',
    k: Number.isFinite(k) && k > 0 ? k : FULL_RES_DEFAULTS.k,
    frame: Number.isInteger(frame) && frame >= 0 ? frame : FULL_RES_DEFAULTS.frame,
    smooth: p.get('smooth') === '1',
    maxSide: SIDES.includes(side) ? side : null,
  };
}

export function formatFullResHash(s: FullResUrlState): string {
  const parts = [`mode=${s.mode}`, `k=${Number(s.k.toPrecision(3))}`, `t=${s.frame}`, `smooth=${s.smooth ? 1 : 0}`];
  if (s.maxSide !== null) parts.push(`side=${s.maxSide}`);
  return `#fr=${parts.join(';')}`;
}

/** Writes the state into the hash without a history entry, keeping the path and query. */
export function writeFullResHash(s: FullResUrlState): void {
  const hash = formatFullResHash(s);
  if (hash !== window.location.hash) window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hash}`);
}

export const FULL_RES_SIDES = SIDES;
