import { z } from 'zod';
import type { ChannelKind } from '../../ports/channel';

/** One inbound message as a channel adapter hands it to the pipeline. `from` is in channel form (E.164, JID, web id). */
export interface InboundMessage {
  channel: ChannelKind;
  providerMessageId: string;
  from: string;
  to?: string;
  body: string;
  receivedAt: Date;
  payload?: Record<string, unknown>;
}

/** zod schema for InboundMessage, used to check what adapters pass before it is stored. */
export const inboundMessageSchema = z.object({
  channel: z.enum(['sms', 'whatsapp', 'baileys', 'web']),
  providerMessageId: z.string().min(1).max(200),
  from: z.string().min(1).max(200),
  to: z.string().max(200).optional(),
  body: z.string().max(10_000),
  receivedAt: z.date(),
  payload: z.record(z.string(), z.unknown()).optional(),
});
