// What the channel strip draws: one bar per channel, sorted by how much it conducts, and its one-line summary.

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

/** "17 of 32 channels conduct; 15 never do (k = 0 at every frequency): they keep local detail." */
export function conductionSummary(bars: ChannelBar[], quantity: 'k' | 'alpha'): string {
  const on = bars.filter((b) => b.conducts).length;
  const off = bars.length - on;
  if (quantity === 'alpha') return `${bars.length} channels, α from ${Math.min(...bars.map((b) => b.mean)).toFixed(2)} to ${Math.max(...bars.map((b) => b.mean)).toFixed(2)}`;
  if (off === 0) return `all ${bars.length} channels conduct`;
  return `${on} of ${bars.length} channels conduct; ${off} never do (k = 0 at every frequency): they keep local detail`;
}
