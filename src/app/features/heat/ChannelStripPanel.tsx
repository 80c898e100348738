// The channel strip wired to the store: the block's channels by how much they conduct; a pick shows that channel,
// Escape goes back to the default view (the conducting channels' energy).
import { setChannelMode } from '../../actions';
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { DEFAULT_CHANNEL_MODE } from '../../worker/protocol';
import { ChannelStrip } from './ChannelStrip';
import { channelBars } from './channelStripData';
import { channelConductionQuery } from './heatQueries';

export function ChannelStripPanel() {
  const q = useQuery(channelConductionQuery);
  const mode = useApp((s) => s.channelMode);
  const c = q.data;
  if (!c) return <ErrorMessage message={q.error} testId="channel-strip-error" />;
  return (
    <ChannelStrip
      bars={channelBars(c.mean, c.conducts)}
      quantity={c.quantity}
      selected={mode.kind === 'channel' ? mode.channel : null}
      onPick={(channel) => setChannelMode(channel === null ? DEFAULT_CHANNEL_MODE : { kind: 'channel', channel })}
    />
  );
}
