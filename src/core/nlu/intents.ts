/**
 * The canonical intents shared by the rules NLU, the LLM NLU, flows and evaluation files.
 * Flows may declare their own intents on top of these. Pure data, no I/O.
 */
export const CANONICAL_INTENTS = [
  'greet',
  'ask_balance',
  'pay_now',
  'promise_to_pay',
  'request_plan',
  'propose_amount',
  'cant_pay',
  'already_paid',
  'dispute',
  'wrong_person',
  'human_agent',
  'opt_out',
  'affirm',
  'deny',
  'help',
  'thanks',
  'provide_info',
  'abuse',
  'unknown',
] as const;

export type CanonicalIntent = (typeof CANONICAL_INTENTS)[number];

export const FREQUENCIES = ['weekly', 'biweekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
