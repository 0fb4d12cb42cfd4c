/** The channels a debtor can be reached on. */
export type ChannelKind = 'sms' | 'whatsapp' | 'baileys' | 'web';

/** One message to deliver. `to` is the address in the channel's own form (E.164 phone, JID, web session id). */
export interface OutboundMessage {
  outboxId: string;
  channel: ChannelKind;
  to: string;
  body: string;
  /**
   * An approved WhatsApp template (Twilio Content API) to send instead of `body`: the compliance gate sets it when the
   * 24-hour customer-service window is closed. Channels without templates never receive one.
   */
  content?: { sid: string; variables: Record<string, string> };
}

/**
 * What a failed send says about the provider, which decides the retry:
 * - `rate_limited`: the provider refused for now (HTTP 429); wait `retryAfterMs` when it said so. Not accepted.
 * - `unavailable`: the provider could not take it (5xx, connection refused, our credentials refused). Not accepted
 *   as far as we know, but a 5xx may hide an acceptance, so such failures also set `unconfirmed`.
 * - `timeout`: no answer in time (or the connection broke mid-request): it may have been accepted.
 * - `permanent`: this message cannot be delivered (invalid number, recipient opted out at the provider …).
 */
export type SendFailureKind = 'rate_limited' | 'unavailable' | 'timeout' | 'permanent';

export interface SendFailure {
  code: string;
  message: string;
  retryable: boolean;
  /** Absent: treated as 'unavailable' when retryable, 'permanent' when not. */
  kind?: SendFailureKind;
  /** The provider's own wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** The provider may have accepted the message (timeout, broken connection, 5xx): ask it before sending again. */
  unconfirmed?: boolean;
}

export type SendResult = { ok: true; providerId: string; status: string } | { ok: false; error: SendFailure };

/** A message the provider accepted, as its list of sent messages shows it. */
export interface AcceptedMessage {
  providerId: string;
  body: string;
  status: string;
  createdAt: Date;
}

export type ListAcceptedResult = { ok: true; messages: AcceptedMessage[] } | { ok: false; error: SendFailure };

/** Sends messages on one channel kind. Implementations do network I/O. */
export interface Channel {
  readonly kind: ChannelKind;
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * The messages the provider accepted from our sender to `to` since `since` (newest first), so a send whose outcome
   * was lost (a crash, a timeout) is not repeated. Absent on channels that cannot tell (those resend).
   */
  listAccepted?(query: { to: string; since: Date }): Promise<ListAcceptedResult>;
}
