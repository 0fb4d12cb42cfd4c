import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AccountRecord } from '../adapters/db/collections/accountRecord';
import { findAccount, listDebtorAccounts } from '../adapters/db/collections/findAccount';
import { contactChannelOf } from '../adapters/db/contactChannelOf';
import type { ConversationRow, DB } from '../adapters/db/schema';
import { isoDateSchema } from '../core/collections/dates/isoDate';
import { moneySchema } from '../core/collections/money/money';
import { offerSchema } from '../core/collections/registry/offerSchema';
import type { Effect } from '../core/engine/types';
import { applyDialogueEffect } from './applyDialogueEffect';
import { openDispute } from './openDispute';
import { recordPlan } from './recordPlan';
import { recordPromise } from './recordPromise';

export interface CollectionsEffectContext {
  conversation: Pick<ConversationRow, 'id' | 'debtorId' | 'channel' | 'address'>;
  now: Date;
  /** The inbound message that caused the step (audit actor `message:<id>`), when there is one. */
  messageId?: string | null;
}

export type CollectionsEffectOutcome = { handled: true; code: string } | { handled: false };

const promiseEffect = z.object({ amount: moneySchema, date: isoDateSchema });
const acceptEffect = z.object({ plan: z.intersection(offerSchema, z.object({ accountId: z.string().min(1) })) });
const approvalEffect = z.object({ request: z.looseObject({ accountId: z.string().min(1).optional() }) });
const disputeEffect = z.object({ reason: z.string().optional() });
const lockAudit = z.object({ code: z.literal('VERIFICATION.LOCKED'), data: z.looseObject({ lockUntil: z.iso.datetime({ offset: true }) }) });

/**
 * Persists one collections effect of an engine step in the collections tables, inside the pipeline's step
 * transaction: record_promise → promises; accept_plan → plans (an accepted settlement or full payment becomes a
 * promise of that amount by its pay-by date); request_approval → approval_requests; record_dispute → disputes
 * (collection paused); mark_wrong_party → wrong_party_marks and consent withdrawn on that address (nothing more is
 * sent there); record_deceased, record_contact_preference and cancel_arrangement (applyDialogueEffect); an audit VERIFICATION.LOCKED { lockUntil } → verification_state, so later conversations see the
 * lock (loadCollectionsFacts). (A passed verification is kept in the conversation's session, per address: see
 * createContinuityEntries.) Each writes its audit events (the lock's audit is the caller's). Returns
 * handled:false for other effects (and for a conversation without a debtor), so the caller keeps its own
 * handling. Payloads are parsed with zod; a malformed one is a bug in the registry and throws. Does I/O.
 */
export async function applyCollectionsEffect(trx: Kysely<DB>, effect: Effect, ctx: CollectionsEffectContext): Promise<CollectionsEffectOutcome> {
  const debtorId = ctx.conversation.debtorId;
  if (!debtorId) return { handled: false };
  const actor = ctx.messageId ? `message:${ctx.messageId}` : 'bot';
  const base = { debtorId, conversationId: ctx.conversation.id, actor };
  switch (effect.type) {
    case 'record_promise': {
      const { amount, date } = promiseEffect.parse(effect);
      // The primary account is resolved inside recordPromise's one statement: the whole effect is one round trip.
      await recordPromise(trx, { ...base, primaryAccount: true, amount, dueDate: date, madeAt: ctx.now, messageId: ctx.messageId ?? null });
      return { handled: true, code: 'PROMISE.RECORDED' };
    }
    case 'accept_plan': {
      const { plan: offer } = acceptEffect.parse(effect);
      const account = await accountByExternalId(trx, offer.accountId);
      if (offer.kind === 'plan') {
        await recordPlan(trx, { ...base, accountId: account.id, plan: offer.plan, now: ctx.now });
        return { handled: true, code: 'PLAN.ACCEPTED' };
      }
      const dueDate = offer.kind === 'promise' ? offer.date : offer.payBy;
      await recordPromise(trx, { ...base, accountId: account.id, amount: offer.amount, dueDate, madeAt: ctx.now, messageId: ctx.messageId ?? null });
      return { handled: true, code: 'PROMISE.RECORDED' };
    }
    case 'request_approval': {
      const { request } = approvalEffect.parse(effect);
      const account = request.accountId ? await accountByExternalId(trx, request.accountId) : await primaryAccount(trx, debtorId);
      const row = await trx
        .insertInto('approvalRequests')
        .values({ debtorId, accountId: account.id, conversationId: ctx.conversation.id, payload: JSON.stringify(request) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, ctx, debtorId, actor, 'APPROVAL.REQUESTED', { approvalRequestId: row.id, accountId: account.id });
      return { handled: true, code: 'APPROVAL.REQUESTED' };
    }
    case 'record_dispute': {
      const { reason } = disputeEffect.parse(effect);
      const account = await primaryAccount(trx, debtorId);
      // Only a short code is stored, never free text the debtor wrote.
      const reasonCode = reason && /^[a-z_]{1,40}$/.test(reason) ? reason : 'unspecified';
      await openDispute(trx, { ...base, accountId: account.id, reasonCode, now: ctx.now });
      return { handled: true, code: 'DISPUTE.OPENED' };
    }
    case 'mark_wrong_party': {
      // Marked and withdrawn on the contact channel: WhatsApp Web (Baileys) and WhatsApp are the same number.
      const channel = contactChannelOf(ctx.conversation.channel);
      await trx
        .insertInto('wrongPartyMarks')
        .values({ channel, address: ctx.conversation.address, debtorId, conversationId: ctx.conversation.id })
        .onConflict((oc) => oc.columns(['channel', 'address', 'debtorId']).doNothing())
        .execute();
      // The number is not the debtor's: no reminder, campaign or reply goes there again (the portfolio import
      // can withdraw consent but never restore it).
      await trx
        .updateTable('contactPoints')
        .set({ consent: false, consentUpdatedAt: ctx.now })
        .where('channel', '=', channel)
        .where('address', '=', ctx.conversation.address)
        .where('debtorId', '=', debtorId)
        .execute();
      await audit(trx, ctx, debtorId, actor, 'CONTACT.WRONG_PARTY', { channel: ctx.conversation.channel });
      return { handled: true, code: 'CONTACT.WRONG_PARTY' };
    }
    case 'audit': {
      const lock = lockAudit.safeParse(effect);
      if (!lock.success) return { handled: false };
      await keepVerificationLock(trx, debtorId, new Date(lock.data.data.lockUntil), ctx.now);
      return { handled: true, code: 'VERIFICATION.LOCK_KEPT' };
    }
    default: {
      const code = await applyDialogueEffect(trx, effect, { debtorId, conversationId: ctx.conversation.id, actor, now: ctx.now });
      return code === null ? { handled: false } : { handled: true, code };
    }
  }
}

/** Keeps the later of the stored and the new lock, so a shorter lock never shortens one in force. */
async function keepVerificationLock(trx: Kysely<DB>, debtorId: string, lockUntil: Date, now: Date): Promise<void> {
  await trx
    .insertInto('verificationState')
    .values({ debtorId, lockedUntil: lockUntil, updatedAt: now })
    .onConflict((oc) =>
      oc.column('debtorId').doUpdateSet((eb) => ({
        lockedUntil: sql<Date>`greatest(${eb.ref('verificationState.lockedUntil')}, ${eb.ref('excluded.lockedUntil')})`,
        updatedAt: now,
      })),
    )
    .execute();
}

/** The account an effect without one is about; recordPromise's `primaryAccount: true` applies the same rule in SQL. */
async function primaryAccount(trx: Kysely<DB>, debtorId: string): Promise<AccountRecord> {
  const accounts = await listDebtorAccounts(trx, debtorId);
  const account = accounts.find((a) => (a.status === 'active' || a.status === 'disputed') && a.balance.minor > 0) ?? accounts[0];
  if (!account) throw new Error(`debtor ${debtorId} has no account for a collections effect`);
  return account;
}

async function accountByExternalId(trx: Kysely<DB>, externalId: string): Promise<AccountRecord> {
  const account = await findAccount(trx, { externalId });
  if (!account) throw new Error(`effect names account ${externalId}, which does not exist`);
  return account;
}

async function audit(trx: Kysely<DB>, ctx: CollectionsEffectContext, debtorId: string, actor: string, code: string, data: Record<string, unknown>): Promise<void> {
  await trx.insertInto('auditEvents').values({ at: ctx.now, actor, debtorId, conversationId: ctx.conversation.id, code, data: JSON.stringify(data) }).execute();
}
