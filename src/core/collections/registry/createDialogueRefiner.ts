import type { Refinement, Refiner, RefinerState, StepContext } from '../../engine/types';
import { recognize } from '../../nlu/recognize';
import type { Entities } from '../../nlu/types';
import { readDialogueActs, readReceiptNumber, type DialogueAct } from '../dialogue/readDialogueAct';
import type { Offer } from '../negotiation/offer';
import type { StepReader } from './readStep';

/** What a third party or a question means, whatever the state: the flow intent it becomes. */
const DECISIVE: ReadonlyArray<[DialogueAct, string]> = [
  ['debtor_deceased', 'debtor_deceased'],
  ['third_party', 'third_party'],
  ['not_the_debtor', 'wrong_person'],
  ['contact_later', 'contact_later'],
  ['cancel_arrangement', 'cancel_arrangement'],
  ['ask_arrangement', 'ask_arrangement'],
  ['ask_breakdown', 'ask_breakdown'],
];
// Intents a message carrying terms may have had when it was really a counter-proposal to the offer on the table.
const COUNTER_FROM = new Set(['deny', 'unknown', 'propose_amount', 'cant_pay', 'promise_to_pay', 'request_plan', 'provide_info', 'pay_now', 'affirm']);
const NEGATED_CLAUSE_RE = /\bno (?:tengo|tenemos|puedo|podemos|alcanza|llego|me alcanza|es|seria)\b|\b(?:dont|do not|cant|cannot|not) (?:have|afford|make|do)\b/;
const CLAUSE_SPLIT_RE = /[,.;!?]+(?=\s|$)|\b(?:sino|pero|solo|nomas|nada mas|mejor|le digo que|te digo que|les digo que|but|only|just|instead)\b/;

function langOf(locale: string): 'es' | 'en' {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'es';
}

function hasTerms(e: Entities): boolean {
  return e.amount !== undefined || e.date !== undefined || e.count !== undefined || e.frequency !== undefined;
}

/**
 * The entities of the clause the debtor stands by: in "1800 no tengo, solo 400 el 20" or "el 15 no tengo, le digo
 * que el 30" the NLU reads the first (negated) figure; the last clause with terms that is not negated wins.
 * Undefined when the message has one clause or the NLU's reading is already that clause's.
 */
function correctedEntities(ctx: StepContext, text: string, currency: string | undefined): Entities | undefined {
  const clauses = text.toLowerCase().split(CLAUSE_SPLIT_RE).map((c) => c.trim()).filter((c) => c !== '');
  if (clauses.length < 2) return undefined;
  const nluCtx = { locale: ctx.session.locale, timeZone: ctx.timeZone, now: ctx.now, ...(currency ? { currency } : {}) };
  for (let i = clauses.length - 1; i >= 0; i -= 1) {
    const clause = clauses[i] ?? '';
    if (NEGATED_CLAUSE_RE.test(clause)) continue;
    const { entities } = recognize(clause, nluCtx);
    delete entities.identifier;
    if (hasTerms(entities)) return entities;
  }
  return undefined;
}

/** True when every term the message names matches the offer (so "acepto el mensual" accepts a monthly plan). */
function agreesWith(offer: Offer, e: Entities): boolean {
  if (offer.kind === 'plan') {
    const p = offer.plan;
    if (e.frequency !== undefined && e.frequency !== p.frequency) return false;
    if (e.count !== undefined && e.count !== p.count && e.count !== p.installments.length) return false;
    if (e.amount !== undefined && e.amount.minor !== p.total.minor && !p.installments.some((i) => i.amount.minor === e.amount?.minor)) return false;
    return true;
  }
  if (e.count !== undefined || e.frequency !== undefined) return false;
  if (e.amount !== undefined && e.amount.minor !== offer.amount.minor) return false;
  const date = offer.kind === 'promise' ? offer.date : offer.payBy;
  return e.date === undefined || e.date === date;
}

/** What terms said against the offer on the table ask for, by the offer's kind. */
function counterIntent(offer: Offer, e: Entities): string {
  if (offer.kind === 'plan' || e.count !== undefined || e.frequency !== undefined) return 'request_plan';
  if (e.date !== undefined) return 'promise_to_pay';
  return 'propose_amount';
}

/**
 * An offer is on the table only in a state the flow declares `offer: true`. Elsewhere (the menu after a "no") the
 * last offer may still sit in the slots, but nothing waits for an answer.
 */
function onTheTable(reader: StepReader, ctx: StepContext, where: RefinerState, event: Extract<StepContext['event'], { kind: 'message' }>, acts: readonly DialogueAct[], entities: Entities): Refinement | undefined {
  const offer = reader.offer(ctx);
  if (offer === undefined || !where.offer) return undefined;
  if (acts.includes('affirm_unclear')) return { intent: 'affirm_unclear', reason: 'ambiguous_acceptance' };
  // "the monthly one": a number word that is not a figure is no term to compare with the offer.
  const terms = /\d/.test(event.text) ? entities : { ...entities, amount: undefined, count: undefined };
  if (acts.includes('affirm_clear') && agreesWith(offer, terms)) return { intent: 'affirm', reason: 'clear_acceptance' };
  if (COUNTER_FROM.has(event.intent) && hasTerms(entities) && !(event.intent === 'affirm' && agreesWith(offer, entities))) {
    return { intent: counterIntent(offer, entities), reason: 'counter_proposal', entities };
  }
  return undefined;
}

/**
 * The `dialogue_acts` refiner: reads third parties (a death, a changed number, a relative), requests (cancel, write
 * later), questions (why the balance, a discount, my arrangement, what next), receipt numbers after a payment
 * claim, and — with an offer on the table (a state the flow declares `offer: true`) — vague acceptances ("👍", "ok"), clear ones that restate the offer's
 * terms, and corrections that are counter-proposals. Pure.
 */
export function createDialogueRefiner(reader: StepReader): Refiner {
  return (ctx, where) => {
    const event = ctx.event;
    if (event.kind !== 'message') return undefined;
    const acts = readDialogueActs(event.text, langOf(ctx.session.locale), ctx.facts.debtor.firstName);
    for (const [act, intent] of DECISIVE) if (acts.includes(act)) return { intent, reason: act };
    const parsed = reader.facts(ctx);
    const currency = parsed.ok ? parsed.facts.account.balance.currency : undefined;
    // A receipt number is no term of a proposal ("bizum ayer, referencia 987654" is not 9.876,54 €).
    const receipt = readReceiptNumber(event.text);
    const corrected = receipt === undefined ? correctedEntities(ctx, event.text, currency) : undefined;
    // The identifier is read from the whole message ("May 6th, 1983" is one birth date, not a clause "1983").
    if (corrected !== undefined && event.entities.identifier !== undefined) corrected.identifier = event.entities.identifier;
    const entities = corrected ?? event.entities;
    if (acts.includes('ask_discount')) return { intent: 'ask_discount', reason: 'ask_discount' };
    if (ctx.session.slots.paymentClaimed === true) {
      if (receipt !== undefined) return { intent: 'give_receipt', reason: 'receipt_number' };
      if (acts.includes('ask_next_steps')) return { intent: 'ask_next_steps', reason: 'ask_next_steps' };
    }
    if (acts.includes('resend_link')) return { intent: 'pay_now', reason: 'resend_link' };
    if (acts.includes('split_payment')) return { intent: 'split_payment', reason: 'split_payment', entities };
    const table = onTheTable(reader, ctx, where, event, acts, entities);
    if (table !== undefined) return table;
    if (acts.includes('affirm_unclear')) return { intent: 'affirm_unclear', reason: 'ambiguous_acceptance' };
    return corrected !== undefined ? { intent: event.intent, reason: 'corrected_terms', entities: corrected } : undefined;
  };
}
