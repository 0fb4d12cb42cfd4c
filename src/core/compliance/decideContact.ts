import { PERMANENT_CODES } from './complianceCodes';
import type { ComplianceCode } from './complianceCodes';
import { nextAllowedAt, timingBlocks } from './nextAllowedAt';
import type { ComplianceDecision, ComplianceInput } from './types';

const HOUR_MS = 3_600_000;
/** WhatsApp's customer-service window: free text only within 24 hours of the person's last message. */
export const WHATSAPP_WINDOW_MS = 24 * HOUR_MS;

/**
 * The compliance gate: whether a message may go out now ('send'), must wait ('defer', with the next allowed instant
 * when waiting alone releases it) or must not go at all ('skip'), with every blocking rule as a stable reason code.
 * Proactive messages get every rule. Replies to what the debtor just wrote get consent, opt-out, wrong-party and
 * channel (WhatsApp window) rules but not the hours: the debtor chose the moment. An agent's message is a reply while
 * the debtor wrote within rules.agentReplyHours, and proactive otherwise. Pure.
 */
export function decideContact(input: ComplianceInput): ComplianceDecision {
  const { request, facts, rules, now } = input;
  const proactive = request.purpose === 'proactive' || (request.purpose === 'agent' && !debtorIsInConversation(input));
  const ruleSet = proactive ? 'proactive' : 'reply';
  const reasons: ComplianceCode[] = [];

  if (!request.allowAfterOptOut) {
    if (facts.optedOut) reasons.push('COMPLIANCE.OPTED_OUT');
    if (facts.consent === false || (proactive && facts.consent === null)) reasons.push('COMPLIANCE.NO_CONSENT');
  }
  // The reply written with the mark itself ("this number is not Sam's; we will not write again") still goes: the
  // pipeline flags it allowAfterOptOut, as it does the opt-out confirmation.
  if (facts.wrongPartyAt && !request.allowAfterOptOut) reasons.push('COMPLIANCE.WRONG_PARTY');
  // Collection stops for a deceased debtor; a relative who writes in is still answered (the flow decides what to say).
  if (facts.deceasedAt && proactive) reasons.push('COMPLIANCE.DECEASED');
  if (proactive && facts.disputeOpen) reasons.push('COMPLIANCE.DISPUTE_PAUSE');
  if (request.purpose === 'proactive' && facts.withPerson) reasons.push('COMPLIANCE.WITH_PERSON');
  // A proactive message written before the debtor's latest message no longer makes sense ("are you still there?").
  if (request.purpose === 'proactive' && facts.lastInboundAt && facts.lastInboundAt.getTime() > request.createdAt.getTime()) reasons.push('COMPLIANCE.SUPERSEDED');

  const windowOpen = facts.lastInboundAt !== null && now.getTime() - facts.lastInboundAt.getTime() < WHATSAPP_WINDOW_MS;
  const sendAs = request.channel === 'whatsapp' && !windowOpen ? 'template' : 'text';
  if (sendAs === 'template' && !request.hasTemplate) reasons.push('COMPLIANCE.WHATSAPP_WINDOW_NO_TEMPLATE');

  if (proactive && !rules) reasons.push('COMPLIANCE.NO_RULES');
  const timing = proactive && rules ? { rules, facts, history: input.history, holidays: input.holidays, channel: request.channel } : null;
  if (timing) reasons.push(...timingBlocks(timing, now));

  const optOutNotice = rules?.optOutNotice ?? false;
  if (reasons.length === 0) return { action: 'send', reasons, nextAllowedAt: null, sendAs, optOutNotice, ruleSet };
  if (reasons.some((code) => PERMANENT_CODES.has(code))) return { action: 'skip', reasons, nextAllowedAt: null, sendAs, optOutNotice, ruleSet };
  // Held for want of a template: only the debtor writing again (or a template) releases it, not the clock.
  if (reasons.includes('COMPLIANCE.WHATSAPP_WINDOW_NO_TEMPLATE')) return { action: 'defer', reasons, nextAllowedAt: null, sendAs, optOutNotice, ruleSet };
  const next = timing ? nextAllowedAt(timing, now) : null;
  if (!next || (request.notAfter && next.getTime() > request.notAfter.getTime())) {
    return { action: 'skip', reasons: [...reasons, 'COMPLIANCE.EXPIRED'], nextAllowedAt: null, sendAs, optOutNotice, ruleSet };
  }
  return { action: 'defer', reasons, nextAllowedAt: next, sendAs, optOutNotice, ruleSet };
}

function debtorIsInConversation(input: ComplianceInput): boolean {
  const last = input.facts.lastInboundAt;
  const hours = input.rules?.agentReplyHours ?? 24;
  return last !== null && input.now.getTime() - last.getTime() < hours * HOUR_MS;
}
