// What the channel strip draws: one bar per channel, sorted by how much it conducts, and its one-line summary.
import { tFor } from '../../i18n/i18n';
import { formatFixed } from './formatDigits';

export interface ChannelBar {
  /** The channel's index in the model (0-based, shown as is, like the page's channel index). */
  channel: number;
  /** Mean learned k over frequencies (HcNet: alpha). */
  mean: number;
  /** False where k is 0 at every frequency: the channel never conducts. */
  conducts: boolean;
}

/** Bars from per-channel means and conducting flags, sorted by mean (largest first, ties by channel). */
export function channelBars(means: ArrayLike<number>, conducts: ArrayLike<boolean>): ChannelBar[] {
  return Array.from({ length: means.length }, (_, channel) => ({ channel, mean: means[channel], conducts: conducts[channel] }))
    .sort((a, b) => b.mean - a.mean || a.channel - b.channel);
}

/** "17 of 32 channels conduct; 15 never do (k = 0): they keep local detail." */
export function conductionSummary(bars: ChannelBar[], quantity: 'k' | 'alpha'): string {
  const t = tFor('heat');
  const on = bars.filter((b) => b.conducts).length;
  const off = bars.length - on;
  const channels = bars.length;
  if (quantity === 'alpha') return t('strip.alphaSummary', { channels, lo: formatFixed(Math.min(...bars.map((b) => b.mean)), 2), hi: formatFixed(Math.max(...bars.map((b) => b.mean)), 2) });
  if (off === 0) return t('strip.allConduct', { channels });
  return t('strip.someConduct', { on, channels, off });
}
