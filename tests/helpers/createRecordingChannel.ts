import type { Channel, ChannelKind, OutboundMessage, SendResult } from '../../src/ports/channel';

export interface RecordingChannel extends Channel {
  sent: OutboundMessage[];
  attempts: OutboundMessage[];
  /** Results to return for the next sends, in order; when empty every send succeeds. */
  script: SendResult[];
}

/** A channel that records what it is asked to send and answers from a script (a fake provider, in memory). */
export function createRecordingChannel(kind: ChannelKind, status = 'queued'): RecordingChannel {
  const channel: RecordingChannel = {
    kind,
    sent: [],
    attempts: [],
    script: [],
    async send(message) {
      channel.attempts.push(message);
      const next = channel.script.shift() ?? { ok: true, providerId: `P-${channel.attempts.length}`, status };
      if (next.ok) channel.sent.push(message);
      return next;
    },
  };
  return channel;
}
