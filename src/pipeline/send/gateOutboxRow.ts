import type { Kysely } from 'kysely';
import type { ComplianceChecker } from '../../adapters/compliance/createComplianceChecker';
import { lockDebtorContacts } from '../../adapters/compliance/lockDebtorContacts';
import type { DB, OutboxRow } from '../../adapters/db/schema';
import { PERMANENT_CODES } from '../../core/compliance/complianceCodes';
import type { ComplianceCode } from '../../core/compliance/complianceCodes';
import { withOptOutNotice } from '../../core/compliance/optOutNotice';
import { fillTemplateVariables } from '../../core/compliance/whatsappTemplates';
import type { Logger } from '../../observability/createLogger';
import type { OutboundMessage } from '../../ports/channel';
import { recordAudit } from '../recordAudit';
import type { SendOutcome } from './recordSendOutcome';

/** A held row is dropped (COMPLIANCE.EXPIRED) once it has waited this long: it no longer makes sense. */
export const MAX_HOLD_MS = 7 * 24 * 3_600_000;
/** A row held for a closed WhatsApp window, with no instant known to release it, is looked at again after this. */
export const HOLD_RECHECK_MS = 3_600_000;

export type GateVerdict =
  | { pass: true; finish: (body: string) => Pick<OutboundMessage, 'body' | 'content'> }
  | { pass: false; outcome: SendOutcome };

/**
 * Puts one claimed outbox row through the compliance gate before it is sent. Passing rows come back with how to
 * finish the message (the approved WhatsApp template instead of free text outside the 24-hour window; the opt-out
 * notice where the rules require it). A deferred row stays 'pending' until its next allowed moment with the reason
 * in hold_reason (the claim does not count as an attempt); a skipped row becomes 'dropped' with the reason as its
 * error code. Every hold and drop is audited (COMPLIANCE.DEFERRED / COMPLIANCE.SKIPPED, with the reason codes), once
 * per change of reason. A proactive row is gated in a transaction under its debtor's contact lock
 * (lockDebtorContacts) and marked gate_passed_at when it passes, so that two proactive rows of one debtor, claimed
 * together, are decided one after the other. Does I/O (one read, and the audit row when held).
 */
export async function gateOutboxRow(deps: { db: Kysely<DB>; compliance: ComplianceChecker; logger: Logger }, row: OutboxRow, now: Date): Promise<GateVerdict> {
  if (row.purpose !== 'proactive') return gateWith(deps, deps.db, row, now);
  // A debtor's proactive rows are gated one at a time: under the debtor's contact lock the history is read, and a
  // passing row is marked in the same transaction, so the next row of that debtor (another channel, another sender)
  // counts it.
  return deps.db.transaction().execute(async (trx) => {
    await lockDebtorContacts(trx, { conversationId: row.conversationId });
    const verdict = await gateWith(deps, trx, row, now);
    if (verdict.pass) await trx.updateTable('outbox').set({ gatePassedAt: now }).where('id', '=', row.id).execute();
    return verdict;
  });
}

async function gateWith(deps: { compliance: ComplianceChecker; logger: Logger }, db: Kysely<DB>, row: OutboxRow, now: Date): Promise<GateVerdict> {
  const notAfter = new Date(row.createdAt.getTime() + MAX_HOLD_MS);
  // The row's own approved template (a cadence step), or the one configured for its flow template (a reminder).
  const mapped = row.contentSid === null && row.template !== null ? deps.compliance.whatsappTemplateFor(row.template) : undefined;
  const { decision, read } = await deps.compliance.check(
    { conversationId: row.conversationId, channel: row.channel, address: row.toAddress, excludeOutboxId: row.id, now },
    { purpose: row.purpose, channel: row.channel, createdAt: row.createdAt, hasTemplate: row.contentSid !== null || mapped !== undefined, allowAfterOptOut: row.allowAfterOptOut, notAfter },
    db,
  );
  if (decision.action === 'send') {
    const content =
      decision.sendAs !== 'template' ? undefined
      : row.contentSid ? { sid: row.contentSid, variables: row.contentVariables ?? {} }
      : mapped ? { sid: mapped.contentSid, variables: fillTemplateVariables(mapped, read) }
      : undefined;
    return {
      pass: true,
      finish: (body) => ({ body: decision.optOutNotice && !content ? withOptOutNotice(body, read.locale) : body, ...(content ? { content } : {}) }),
    };
  }
  const reason = decision.reasons[0] ?? 'COMPLIANCE.EXPIRED';
  const conversation = { id: row.conversationId, debtorId: read.debtorId };
  if (decision.action === 'skip' || now.getTime() >= notAfter.getTime()) {
    const codes: ComplianceCode[] = decision.action === 'skip' ? decision.reasons : [...decision.reasons, 'COMPLIANCE.EXPIRED'];
    await recordAudit(db, conversation, now, 'COMPLIANCE.SKIPPED', { outboxId: row.id, purpose: row.purpose, reasons: codes }, 'compliance');
    deps.logger.info({ code: 'COMPLIANCE.SKIPPED', outboxId: row.id, reasons: codes }, 'outbox row skipped by the compliance gate');
    return { pass: false, outcome: { status: 'dropped', errorCode: codes.find((c) => PERMANENT_CODES.has(c)) ?? reason, holdReason: null } };
  }
  const nextAttemptAt = decision.nextAllowedAt ?? new Date(Math.min(now.getTime() + HOLD_RECHECK_MS, notAfter.getTime()));
  if (row.holdReason !== reason) {
    await recordAudit(db, conversation, now, 'COMPLIANCE.DEFERRED', { outboxId: row.id, purpose: row.purpose, reasons: decision.reasons, nextAllowedAt: decision.nextAllowedAt?.toISOString() ?? null }, 'compliance');
  }
  deps.logger.info({ code: 'COMPLIANCE.DEFERRED', outboxId: row.id, reasons: decision.reasons, nextAttemptAt: nextAttemptAt.toISOString() }, 'outbox row held by the compliance gate');
  return { pass: false, outcome: { status: 'pending', holdReason: reason, nextAttemptAt, attempts: row.attempts - 1 } };
}
