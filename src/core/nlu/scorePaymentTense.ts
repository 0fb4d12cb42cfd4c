import { LEXICON } from './lexicon';

// After "no"/"nunca" a verb is negated; after an article "pago" is a noun ("el pago del viernes").
const NOT_NEGATED = '(?<!\\b(?:no|nunca|el|un|una|mi|del|al|su|tu|ese|este|otro|primer) )';
const FUTURE_PAY_RE = new RegExp(`${NOT_NEGATED}\\b${LEXICON.payFuture}\\b`);
const WANT_TO_PAY_RE = /(?<!\bno )\b(?:quiero|puedo|podria|pienso|tengo que|voy a) (?:\w+ )?pagar(?:le|te|les)?\b/;
const PAST_PAY_RE = new RegExp(`${NOT_NEGATED}\\b${LEXICON.payPast}\\b`);
const NOW_RE = new RegExp(`\\b${LEXICON.now}\\b`);
const LATER_RE = new RegExp(`\\b${LEXICON.later}\\b`);
const PAST_RE = new RegExp(`\\b${LEXICON.past}\\b`);

/**
 * Scores the payment intents from a paying verb and the time around it: paying now is `pay_now`, paying
 * later `promise_to_pay`, a past payment with a past marker `already_paid` ("te consigno hoy", "apenas me
 * paguen le cancelo", "os hice el bizum ayer"). Each word class is scanned once. Raises `scores` in place. Pure.
 */
export function scorePaymentTense(norm: string, scores: Map<string, number>): void {
  const raise = (intent: string, score: number): void => {
    if ((scores.get(intent) ?? 0) < score) scores.set(intent, score);
  };
  const future = FUTURE_PAY_RE.test(norm);
  const wants = !future && WANT_TO_PAY_RE.test(norm);
  if (future || wants) {
    if (LATER_RE.test(norm)) raise('promise_to_pay', future ? 0.86 : 0.84);
    else if (future && NOW_RE.test(norm)) raise('pay_now', 0.8);
  }
  if (PAST_PAY_RE.test(norm) && PAST_RE.test(norm)) raise('already_paid', 0.9);
}
