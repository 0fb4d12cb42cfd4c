import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findAccount } from '../adapters/db/collections/findAccount';
import type { DB } from '../adapters/db/schema';
import type { Effect } from '../core/engine/types';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** debtors.preferred_contact (migration 0650): the shape the compliance gate and the outreach cadences read. */
const preferenceSchema = z.strictObject({
  window: z.strictObject({ from: hhmm, to: hhmm }).optional(),
  notBefore: z.iso.datetime({ offset: true }).optional(),
  recordedAt: z.iso.datetime({ offset: true }),
});
const cancelEffect = z.object({ accountId: z.string().min(1), reason: z.string().regex(/^[a-z_]{1,40}$/) });

export interface DialogueEffectContext {
  debtorId: string;
  conversationId: string;
  actor: string;
  now: Date;
}

/**
 * Persists the effects of conversations off the script, inside the step's transaction: record_deceased →
 * debtors.deceased_at (kept from the first report; DEBTOR.DECEASED), record_contact_preference →
 * debtors.preferred_contact (CONTACT.PREFERENCE_RECORDED, with the window and instant, never the message), and
 * cancel_arrangement → the account's active plan and pending promise cancelled (PLAN.CANCELLED /
 * PROMISE.CANCELLED with the reason). Returns the audit code, or null for other effects. Payloads are parsed with
 * zod; a malformed one is a registry bug and throws. Does I/O.
 */
export async function applyDialogueEffect(trx: Kysely<DB>, effect: Effect, ctx: DialogueEffectContext): Promise<string | null> {
  const audit = (code: string, data: Record<string, unknown>) =>
    trx.insertInto('auditEvents').values({ at: ctx.now, actor: ctx.actor, debtorId: ctx.debtorId, conversationId: ctx.conversationId, code, data: JSON.stringify(data) }).execute();
  switch (effect.type) {
    case 'record_deceased': {
      await trx.updateTable('debtors').set({ deceasedAt: ctx.now, updatedAt: ctx.now }).where('id', '=', ctx.debtorId).where('deceasedAt', 'is', null).execute();
      await audit('DEBTOR.DECEASED', { reportedBy: 'third_party' });
      return 'DEBTOR.DECEASED';
    }
    case 'record_contact_preference': {
      const preference = preferenceSchema.parse(effect.preference);
      await trx.updateTable('debtors').set({ preferredContact: JSON.stringify(preference), updatedAt: ctx.now }).where('id', '=', ctx.debtorId).execute();
      await audit('CONTACT.PREFERENCE_RECORDED', preference);
      return 'CONTACT.PREFERENCE_RECORDED';
    }
    case 'cancel_arrangement': {
      const { accountId, reason } = cancelEffect.parse(effect);
      const account = await findAccount(trx, { externalId: accountId });
      if (!account) throw new Error(`effect names account ${accountId}, which does not exist`);
      const plans = await trx.updateTable('plans').set({ status: 'cancelled', updatedAt: ctx.now }).where('accountId', '=', account.id).where('status', '=', 'active').returning('id').execute();
      for (const p of plans) await audit('PLAN.CANCELLED', { planId: p.id, accountId: account.id, reason });
      const promises = await trx
        .updateTable('promises')
        .set({ status: 'cancelled', updatedAt: ctx.now, evaluatedAt: ctx.now })
        .where('accountId', '=', account.id)
        .where('status', '=', 'pending')
        .returning('id')
        .execute();
      for (const p of promises) await audit('PROMISE.CANCELLED', { promiseId: p.id, accountId: account.id, reason });
      return 'ARRANGEMENT.CANCELLED';
    }
    default:
      return null;
  }
}
