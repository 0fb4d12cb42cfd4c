/** One acknowledged inbound webhook, and the replies the service wrote for it (outbox rows). */
export interface AckedInbound {
  sid: string;
  ackedAt: number;
  /** Inbox status, or undefined when no inbox row holds this MessageSid (acknowledged but not stored). */
  inboxStatus: string | undefined;
  replies: Array<{ outboxId: string; status: string; providerMessageId: string | null }>;
}

/** A message the provider accepted (the fake Twilio's record). */
export interface ProviderMessage {
  sid: string;
  to: string;
  body: string;
  acceptedAt: number;
}

/** An outbox row as the service left it: to whom, what, and whether it went (or may still go) out. */
export interface OutboxReply {
  to: string;
  body: string;
  status: string;
}

export interface FaultRunFigures {
  acknowledged: number;
  repliesExpected: number;
  repliesDelivered: number;
  /** Acknowledged messages with a reply that never reached the provider (or never written, or never stored). */
  lost: number;
  /** Provider messages beyond the outbox rows with that address and text: a reply delivered a second time. */
  duplicated: number;
  /** Replies that failed for good (status failed), counted in `lost` through their inbound. */
  failedForGood: number;
  /** ack → first reply accepted by the provider, in ms: longest, p50, p99. */
  ackToReply: { max: number; p50: number; p99: number };
}

/**
 * The figures of a fault run from what was acknowledged, what the service wrote, and what the provider accepted:
 * a reply counts as delivered when the provider holds its recorded message id; an acknowledged message is lost when
 * it has no reply or any of its replies was not delivered. Duplicates are counted per (address, text): the provider's
 * messages beyond the outbox rows (`outbox`: all of them, acknowledged or not) that went or may still go out. A message
 * accepted for a row still waiting to be reconciled is not a duplicate; a row sent twice is. Pure.
 */
export function tallyFaultRun(acked: readonly AckedInbound[], provider: readonly ProviderMessage[], outbox: readonly OutboxReply[]): FaultRunFigures {
  const bySid = new Map(provider.map((m) => [m.sid, m]));
  let repliesExpected = 0;
  let repliesDelivered = 0;
  let lost = 0;
  let failedForGood = 0;
  const latencies: number[] = [];
  for (const inbound of acked) {
    repliesExpected += inbound.replies.length;
    let first: number | undefined;
    let delivered = 0;
    for (const reply of inbound.replies) {
      if (reply.status === 'failed') failedForGood += 1;
      const message = reply.providerMessageId ? bySid.get(reply.providerMessageId) : undefined;
      if (!message) continue;
      delivered += 1;
      first = first === undefined ? message.acceptedAt : Math.min(first, message.acceptedAt);
    }
    repliesDelivered += delivered;
    if (inbound.inboxStatus !== 'done' || inbound.replies.length === 0 || delivered < inbound.replies.length) lost += 1;
    if (first !== undefined) latencies.push(Math.max(0, first - inbound.ackedAt));
  }
  const key = (to: string, body: string) => `${to.replace(/^whatsapp:/, '')}\u0000${body}`;
  const rows = new Map<string, number>();
  for (const row of outbox) if (row.status !== 'failed' && row.status !== 'dropped') rows.set(key(row.to, row.body), (rows.get(key(row.to, row.body)) ?? 0) + 1);
  const accepted = new Map<string, number>();
  for (const m of provider) accepted.set(key(m.to, m.body), (accepted.get(key(m.to, m.body)) ?? 0) + 1);
  let duplicated = 0;
  for (const [k, count] of accepted) duplicated += Math.max(0, count - (rows.get(k) ?? 0));
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { acknowledged: acked.length, repliesExpected, repliesDelivered, lost, duplicated, failedForGood, ackToReply: { max: latencies.at(-1) ?? 0, p50: pick(0.5), p99: pick(0.99) } };
}
