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

export type SendResult =
  | { ok: true; providerId: string; status: string }
  | { ok: false; error: { code: string; message: string; retryable: boolean } };

/** Sends messages on one channel kind. Implementations do network I/O. */
export interface Channel {
  readonly kind: ChannelKind;
  send(message: OutboundMessage): Promise<SendResult>;
}
