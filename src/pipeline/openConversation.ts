import type { Kysely } from 'kysely';
import type { ConversationRow, DB } from '../adapters/db/schema';
import { createSession } from '../core/engine/createSession';
import type { Facts } from '../core/engine/types';
import type { ChannelKind } from '../ports/channel';
import { chooseFlow } from './chooseFlow';
import type { PipelineDeps } from './pipelineDeps';

export type OpenConversationResult =
  | { kind: 'existing'; conversation: ConversationRow }
  | { kind: 'new'; conversation: ConversationRow; facts: Facts }
  | { kind: 'unknown_contact'; conversation: ConversationRow; isNew: boolean };

/**
 * Finds the open conversation of an address, or starts one: on the flow for the debtor's locale when the
 * address is a debtor's contact point, or as an 'unknown_contact' conversation (no flow, no debt data).
 * Call under the conversation's advisory lock. Does I/O.
 */
export async function openConversation(trx: Kysely<DB>, deps: PipelineDeps, channel: ChannelKind, address: string, now: Date): Promise<OpenConversationResult> {
  const open = await trx
    .selectFrom('conversations')
    .selectAll()
    .where('channel', '=', channel)
    .where('address', '=', address)
    .where('status', '<>', 'ended')
    .forUpdate()
    .executeTakeFirst();
  const contact = await trx.selectFrom('contactPoints').select('debtorId').where('channel', '=', channel).where('address', '=', address).executeTakeFirst();
  if (open && (open.status !== 'unknown_contact' || !contact)) {
    return open.status === 'unknown_contact' ? { kind: 'unknown_contact', conversation: open, isNew: false } : { kind: 'existing', conversation: open };
  }
  if (open) {
    // The address became a debtor's contact point since: close the anonymous conversation and start a real one.
    await trx.updateTable('conversations').set({ status: 'ended', updatedAt: now }).where('id', '=', open.id).execute();
  }
  const base = { channel, address, createdAt: now, updatedAt: now, lastInboundAt: now };
  if (!contact) {
    const conversation = await trx.insertInto('conversations').values({ ...base, debtorId: null, status: 'unknown_contact' }).returningAll().executeTakeFirstOrThrow();
    return { kind: 'unknown_contact', conversation, isNew: true };
  }
  const facts = await deps.facts.loadFacts(trx, contact.debtorId);
  if (!facts) throw new Error(`contact point of missing debtor ${contact.debtorId}`);
  const flow = chooseFlow(deps.flows, facts.debtor.locale, deps.flowIdForLocale);
  if (!flow) throw new Error(`no flow loaded for locale ${facts.debtor.locale}`);
  const session = createSession(flow, facts.debtor.locale);
  const conversation = await trx
    .insertInto('conversations')
    .values({
      ...base,
      debtorId: contact.debtorId,
      flowId: flow.id,
      flowVersion: flow.version,
      state: session.state,
      session: JSON.stringify(session),
      status: 'active',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { kind: 'new', conversation, facts };
}
