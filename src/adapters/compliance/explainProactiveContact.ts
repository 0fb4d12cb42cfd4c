import type { Kysely } from 'kysely';
import type { ComplianceCode } from '../../core/compliance/complianceCodes';
import { contactChannelOf } from '../db/contactChannelOf';
import type { DB } from '../db/schema';
import type { ChannelKind } from '../../ports/channel';
import type { ComplianceChecker } from './createComplianceChecker';

/** The gate's answer for one of the debtor's addresses. */
export interface ChannelExplanation {
  channel: ChannelKind;
  allowed: boolean;
  reasons: ComplianceCode[];
  nextAllowedAt: Date | null;
}

export interface ProactiveExplanation {
  /** A proactive message may go now on at least one of the debtor's addresses. */
  allowed: boolean;
  /** Every rule that blocks the best address (empty when allowed). */
  reasons: ComplianceCode[];
  /** The earliest instant some address allows it (null when allowed now, or when nothing but an outside change would). */
  nextAllowedAt: Date | null;
  channels: ChannelExplanation[];
}

/**
 * Whether a proactive message (a cadence step, a reminder) to the debtor is allowed at `at`, on each of their
 * addresses the creditor's file lists, with every blocking rule and the next allowed instant. WhatsApp is judged as
 * a message that carries an approved template (what cadence steps do), so a closed 24-hour window does not block it.
 * Null when no debtor has that external id. Does I/O (one query per address).
 */
export async function explainProactiveContact(db: Kysely<DB>, compliance: ComplianceChecker, externalId: string, at: Date): Promise<ProactiveExplanation | null> {
  const debtor = await db.selectFrom('debtors').select('id').where('externalId', '=', externalId).executeTakeFirst();
  if (!debtor) return null;
  const points = await db.selectFrom('contactPoints').select(['channel', 'address']).where('debtorId', '=', debtor.id).orderBy('channel', 'desc').orderBy('address').execute();
  const channels: ChannelExplanation[] = [];
  for (const point of points) {
    const conversation = await db
      .selectFrom('conversations').select('id')
      .where('address', '=', point.address).where('status', '<>', 'ended')
      .where('channel', 'in', point.channel === 'whatsapp' ? ['whatsapp', 'baileys'] : [point.channel])
      .executeTakeFirst();
    const { decision } = await compliance.check(
      { debtorId: debtor.id, conversationId: conversation?.id ?? null, channel: point.channel, address: point.address, now: at },
      { purpose: 'proactive', channel: point.channel, createdAt: at, hasTemplate: true },
    );
    channels.push({ channel: contactChannelOf(point.channel), allowed: decision.action === 'send', reasons: decision.reasons, nextAllowedAt: decision.nextAllowedAt });
  }
  const open = channels.find((c) => c.allowed);
  if (open) return { allowed: true, reasons: [], nextAllowedAt: null, channels };
  const waiting = channels.filter((c) => c.nextAllowedAt !== null).sort((a, b) => (a.nextAllowedAt?.getTime() ?? 0) - (b.nextAllowedAt?.getTime() ?? 0));
  const best = waiting[0] ?? channels[0];
  return { allowed: false, reasons: best ? best.reasons : ['COMPLIANCE.NO_CONSENT'], nextAllowedAt: best?.nextAllowedAt ?? null, channels };
}

/**
 * The next moment a proactive message to the debtor is allowed on some address: `now` when it is allowed already,
 * null when no waiting releases it (opted out, no consent, deceased, dispute …) or no debtor has that id. For the
 * console's debtor page. Does I/O.
 */
export async function nextProactiveMoment(db: Kysely<DB>, compliance: ComplianceChecker, externalId: string, now: Date): Promise<Date | null> {
  const explained = await explainProactiveContact(db, compliance, externalId, now);
  if (!explained) return null;
  return explained.allowed ? now : explained.nextAllowedAt;
}
