// The full-resolution view's words: frame labels, numbers as shown, and the caption under the frames (also
// written into the exported PNG and video).
import { formatNumber, tFor } from '../../i18n/i18n';
import type { FullResResult } from '../../worker/protocol';

export const formatK = (k: number) => String(Number(k.toPrecision(2)));
export const formatTime = (t: number) => (t === 0 ? '0' : t < 0.1 ? t.toPrecision(2) : String(Number(t.toPrecision(3))));

/** A number with `digits` significant digits (as toPrecision), in the page's language. */
export const precise = (v: number, digits: number) =>
  formatNumber(v, { minimumSignificantDigits: digits, maximumSignificantDigits: digits, useGrouping: false });

export function frameLabel(r: FullResResult, i: number): string {
  const t = tFor('fullres');
  const time = r.times[Math.min(i, r.times.length - 1)];
  return r.mode.kind === 'hcnet' ? t('frame.step', { n: time }) : `t = ${formatTime(time)}`;
}

/** One or two plain sentences per mode: what the picture shows and how to read it. */
export function captionLines(r: FullResResult, index: number, maxSide: number): string[] {
  const t = tFor('fullres');
  const time = r.times[Math.min(index, r.times.length - 1)];
  const size = t('caption.size', { name: r.imageName, sourceWidth: r.sourceWidth, sourceHeight: r.sourceHeight, width: r.width, height: r.height, maxSide });
  if (r.mode.kind === 'uniform') {
    const spread = Math.sqrt(2 * r.mode.k * time);
    return [t('caption.uniform'), t('caption.uniformSpread', { spread: precise(spread, 2), k: formatK(r.mode.k) }), size];
  }
  if (r.mode.kind === 'learned' && r.learned) {
    const l = r.learned;
    return [
      t('caption.learned', {
        block: `${r.mode.stage + 1}.${r.mode.block + 1}`, side: l.trainedSide, channels: l.channels,
        low: precise(l.blockRange[0], 2), high: precise(l.blockRange[1], 2), scale: precise(l.scale, 2),
      }),
      t('caption.learnedFiner'),
      size,
    ];
  }
  const h = r.hcnet!;
  return [
    t('caption.hcnet', { alpha: precise(h.alpha, 2), k: precise(h.k, 2) }),
    t('caption.hcnetStability', { alphaMax: precise(h.alphaMax, 3), width: h.proxyWidth, height: h.proxyHeight }),
    size,
  ];
}
