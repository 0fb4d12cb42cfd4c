import { readAmount } from './parseAmount';
import type { AmountMatch } from './parseAmount';
import type { FormatterCache } from './createFormatterCache';
import { classifierFeatures } from './classifierFeatures';
import { classifyIntent } from './classifyIntent';
import type { IntentClassifier } from './classifyIntent';
import { isMoneyQuestion } from './isMoneyQuestion';
import { LEXICON } from './lexicon';
import { prepareText } from './prepareText';
import type { PreparedText } from './prepareText';
import { readEntities } from './readEntities';
import { scoreIntents } from './scoreIntents';
import type { Entities, Interpretation, NluContext } from './types';

/** Below this confidence the recognizer answers `unknown` (the best guess's confidence is kept). */
export const UNKNOWN_THRESHOLD = 0.5;
/**
 * Below this rules confidence (unknown included) the statistical classifier is consulted: up to the 0.85 at which
 * the rules win outright over an LLM. It overrides the rules only when it is surer than they are.
 */
export const CONSULT_CLASSIFIER_BELOW = 0.86;
/** The classifier's answer counts only at or above this probability. */
export const CLASSIFIER_MIN_PROBABILITY = 0.5;
// A classifier answer stays below `confidence_high` (0.8) and below the confidence at which rules win outright
// over an LLM (0.85): a flow can ask for a confident reading before binding, and a model can still correct it.
const CLASSIFIER_MAX_CONFIDENCE = 0.79;
// Intents acting on a value: the classifier may say a promise or a verification answer only when the entity
// parsers read its date or identifier in the message, so what the flow acts on is never the classifier's guess. An
// offer (propose_amount) stays with the rules: a number in a question or an aside is not an offer. A rules opt-out
// is never overridden.
const VALUE_OF_INTENT: ReadonlyMap<string, keyof Entities | null> = new Map([
  ['propose_amount', null],
  ['promise_to_pay', 'date'],
  ['provide_info', 'identifier'],
]);
// Intents with lasting or binding effects need a near-certain classifier: opting out stops all contact (and reads
// like asking for messages again), a plan request leads to a plan offer (and "a partir de ahora eres DAN…" looks,
// letter by letter, like "pagar por partes").
const HIGH_BAR_INTENTS: ReadonlyMap<string, number> = new Map([
  ['opt_out', 0.9],
  ['request_plan', 0.9],
]);

// Opting out always says stop, no, never or remove: without such a word ("please resume sending me texts") the
// classifier's opt_out is wording that merely looks like it, however sure it is.
const OPT_OUT_CUE_RE =
  /\b(?:no|not|dont|never|stop|quit|cancel|remove|delete|erase|unsubscribe|leave|off|enough|basta|baja|dej\w*|paren|pare|parad|para de|borr\w*|elimin\w*|quit\w*|sac\w*|nunca|jamas|ni)\b/;

// Above a bare "what is this" (help) or balance question; below the rules that say more (a dispute, a payment
// made, not being able to pay), so they still win.
const MONEY_QUESTION_SCORE = 0.81;
// Bonus for an intent the current state says it accepts: a tie-breaker, never enough on its own.
const EXPECTED_INTENT_BONUS = 0.08;
const FUTURE_PAY_RE = new RegExp(
  `\\b(?:${LEXICON.payFuture}|pagar(?:le|te|les|lo|la)?|hare el pago|pay|send|transfer|deposit|wire|sin falta|cuando me paguen)\\b`,
);
const TODAY_RE = /\b(?:hoy|today|tonight|ahora|ahorita|now)\b/;
const OFFER_RE =
  /\b(?:puedo|podria|podemos|ofrezco|ofrecer|te doy|le doy|les doy|os doy|doy|(?:te|le|les|os) pago|tengo|abon\w*|pasar|dar|aporta\w*|how about|i can do|i could|i can pay|take|offer|settle|only have|what about|y si|que tal si|cerramos|nomas|solo|tengo)\b/;

/**
 * Interprets one debtor message with the deterministic Spanish/English rules: a canonical intent, the
 * entities it carries (amount, date, count, frequency, identifier) and a confidence in [0, 1]. `ctx.expected`
 * (what the state just asked for) is used as a hint. `formatters` is the caller's date-formatter cache
 * (createRecognizer keeps one); without it a message with a date builds its own. `classifier` is the one consulted
 * when the word rules are unsure (the committed model by default; `null` for the word rules alone, as
 * `eval:nlu --rules-only` measures them). Pure and synchronous; no I/O.
 */
export function recognize(
  text: string,
  ctx: NluContext,
  formatters?: FormatterCache,
  classifier: IntentClassifier | null = classifyIntent,
): Interpretation {
  const prepared = prepareText(text, ctx.locale);
  const scores = scoreIntents(prepared.norm);
  const amount = readAmount(prepared, ctx);
  const entities = readEntities(prepared, ctx, amount, formatters);
  addEntityEvidence(scores, prepared, entities, amount, ctx, text.includes('?'));
  let intent = 'unknown';
  let confidence = 0;
  for (const [candidate, score] of scores) {
    const adjusted = ctx.expected?.intents?.includes(candidate) ? Math.min(0.99, score + EXPECTED_INTENT_BONUS) : score;
    if (adjusted > confidence) [intent, confidence] = [candidate, adjusted];
  }
  // A weak answer the state itself asked for (a near-tie its expectation decided) is not second-guessed.
  const expectedAnswer = confidence >= UNKNOWN_THRESHOLD && ctx.expected?.intents?.includes(intent) === true;
  if (classifier && confidence < CONSULT_CLASSIFIER_BELOW && !expectedAnswer) {
    [intent, confidence] = consultClassifier(classifier, prepared, entities, intent, confidence);
  }
  if (confidence < UNKNOWN_THRESHOLD) intent = 'unknown';
  return { intent, entities, confidence: Math.round(confidence * 100) / 100, source: 'rules' };
}

/**
 * When the word rules are unsure, the classifier trained on the labelled sets (character n-grams, words,
 * entities) decides if it is confident enough: it generalises to wording the rules have never seen.
 */
function consultClassifier(
  classifier: IntentClassifier,
  prepared: PreparedText,
  entities: Entities,
  intent: string,
  confidence: number,
): [string, number] {
  const guess = classifier(classifierFeatures(prepared.norm, entities));
  // A weak rules guess stands unless the classifier is surer of something else.
  const floor = confidence >= UNKNOWN_THRESHOLD ? Math.max(CLASSIFIER_MIN_PROBABILITY, confidence) : CLASSIFIER_MIN_PROBABILITY;
  const value = VALUE_OF_INTENT.get(guess.intent);
  const valueMissing = value === null || (value !== undefined && entities[value] === undefined);
  if (guess.probability < floor || valueMissing || intent === 'opt_out') return [intent, confidence];
  if ((HIGH_BAR_INTENTS.get(guess.intent) ?? 0) > guess.probability) return [intent, confidence];
  if (guess.intent === 'opt_out' && !OPT_OUT_CUE_RE.test(prepared.norm)) return [intent, confidence];
  const capped = Math.min(CLASSIFIER_MAX_CONFIDENCE, guess.probability);
  if (guess.intent === 'unknown') return ['unknown', Math.min(confidence, UNKNOWN_THRESHOLD - 0.01)];
  if (guess.intent === intent) return [intent, Math.max(confidence, capped)];
  return [guess.intent, Math.max(UNKNOWN_THRESHOLD, capped)];
}

/** How much a date says "promise to pay": a lot with a paying verb, little on its own, nothing for today. */
function dateEvidence(text: PreparedText, asked: boolean, question: boolean): number {
  const future = FUTURE_PAY_RE.test(text.norm);
  // Paying today is paying now (pay_now rules decide), not a promise for later.
  if (TODAY_RE.test(text.norm)) return future ? 0.6 : 0;
  if (future) return 0.88;
  if (asked) return 0.85;
  // A short reply that is just a date ("el viernes") is almost always when they will pay; a short question with a
  // date ("mañana llueve?", "open on sunday?") is not.
  return text.norm.split(' ').length <= 5 && !question ? 0.6 : 0;
}

/** Raises intents that the entities support: entities are evidence the keyword rules cannot see. */
function addEntityEvidence(
  scores: Map<string, number>,
  text: PreparedText,
  entities: Entities,
  amount: AmountMatch | undefined,
  ctx: NluContext,
  question: boolean,
): void {
  const raise = (intent: string, score: number): void => {
    if ((scores.get(intent) ?? 0) < score) scores.set(intent, score);
  };
  const expected = ctx.expected?.entity;
  if (entities.identifier !== undefined) raise('provide_info', expected === 'identifier' ? 0.93 : 0.8);
  if (entities.count !== undefined || entities.frequency !== undefined) {
    raise('request_plan', expected === 'count' || expected === 'frequency' ? 0.9 : 0.87);
  }
  // A date next to "I can't pay" or "I paid" says when they cannot pay or did pay, not a promise.
  const otherTense = scores.has('cant_pay') || (scores.get('already_paid') ?? 0) >= 0.85;
  if (entities.date !== undefined && !otherTense) {
    raise('promise_to_pay', dateEvidence(text, expected === 'date', question));
  }
  // A question about the money names a figure to explain ("¿y esos 40 euros de comisión?"), not one to agree on.
  if (entities.amount !== undefined && isMoneyQuestion(text.norm, question)) {
    raise('ask_balance', MONEY_QUESTION_SCORE);
  } else if (entities.amount !== undefined && amount) {
    const offer = OFFER_RE.test(text.norm);
    const answerOnly = /^[\d\s.,$€]+$/.test(text.num);
    let score = amount.explicit ? (offer ? 0.85 : 0.75) : offer ? 0.75 : answerOnly ? 0.6 : 0.4;
    if (expected === 'amount') score = Math.max(score, 0.9);
    raise('propose_amount', score);
  }
}
