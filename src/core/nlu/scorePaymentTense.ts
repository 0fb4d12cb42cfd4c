import { LEXICON } from './lexicon';

// Cheap gate: no stem of a paying verb, no tense to read (most messages stop here).
const PAY_STEM_RE = /pag|consig|deposit|transf|abon|cancel|liquid|sald|yape|plin|gir|mand|envi|hag|hare|hice|realic|pase|paid|pay|sent|send|wire|zelle|venmo|promet|promise|comprom|caigo|bizum|made|did/;
const FUTURE_PAY_RE = new RegExp(`\\b${LEXICON.payFuture}\\b`, 'g');
const WANT_TO_PAY_RE = /\b(?:quiero|puedo|podria|pienso|tengo que|voy a) (?:\w+ )?pagar(?:le|te|les)?\b/g;
const PAST_PAY_RE = new RegExp(`\\b${LEXICON.payPast}\\b`, 'g');
const NOW_RE = new RegExp(`\\b${LEXICON.now}\\b`);
const LATER_RE = new RegExp(`\\b${LEXICON.later}\\b`);
const PAST_RE = new RegExp(`\\b${LEXICON.past}\\b`);
// After "no"/"nunca" a verb is negated; after an article "pago" is a noun ("el pago del viernes"). Checked
// only around a match: a lookbehind tried at every position would cost more than the whole scan.
const NEGATED_BEFORE_RE = /\b(?:no|nunca|el|un|una|mi|del|al|su|tu|ese|este|otro|primer) $/;

/**
 * Scores the payment intents from a paying verb and the time around it: paying now is `pay_now`, paying
 * later `promise_to_pay`, a past payment with a past marker `already_paid` ("te consigno hoy", "apenas me
 * paguen le cancelo", "os hice el bizum ayer"). A negated verb counts for none. Raises `scores` in place. Pure.
 */
export function scorePaymentTense(norm: string, scores: Map<string, number>): void {
  if (!PAY_STEM_RE.test(norm)) return;
  const future = hasAffirmed(FUTURE_PAY_RE, norm);
  if (future || hasAffirmed(WANT_TO_PAY_RE, norm)) {
    if (LATER_RE.test(norm)) raiseScore(scores, 'promise_to_pay', future ? 0.86 : 0.84);
    else if (future && NOW_RE.test(norm)) raiseScore(scores, 'pay_now', 0.8);
  }
  if (PAST_RE.test(norm) && hasAffirmed(PAST_PAY_RE, norm)) raiseScore(scores, 'already_paid', 0.9);
}

function raiseScore(scores: Map<string, number>, intent: string, score: number): void {
  if ((scores.get(intent) ?? 0) < score) scores.set(intent, score);
}

/** True when `re` (global) matches somewhere not negated (nor used as a noun). */
function hasAffirmed(re: RegExp, norm: string): boolean {
  // Fast path without iterator allocation: the first match decides unless it is negated (rare).
  const first = norm.search(re);
  if (first < 0) return false;
  if (!isNegatedAt(norm, first)) return true;
  for (const m of norm.matchAll(re)) if (!isNegatedAt(norm, m.index)) return true;
  return false;
}

function isNegatedAt(norm: string, index: number): boolean {
  return NEGATED_BEFORE_RE.test(norm.slice(Math.max(0, index - 8), index));
}
