import type { Frequency } from './intents';

/** An amount of money in integer minor units (cents, centavos); currency is ISO 4217 when known. */
export interface MoneyEntity {
  minor: number;
  currency?: string;
}

/** Entities the NLU extracts. Every field is optional: an utterance may carry none. */
export interface Entities {
  amount?: MoneyEntity;
  /** ISO date (YYYY-MM-DD) resolved against the debtor's time zone and today. */
  date?: string;
  /** Number of installments. */
  count?: number;
  frequency?: Frequency;
  /** Document digits or a birth date (ISO) given for verification. */
  identifier?: string;
}

/** What an utterance means: an intent (canonical or flow-defined), entities and a confidence in [0, 1]. */
export interface Interpretation {
  intent: string;
  entities: Entities;
  confidence: number;
  source: 'rules' | 'llm' | 'combined';
  /**
   * Set when an amount or date came only from the LLM (the rules did not find it): the flow must ask the
   * debtor to confirm it before acting on it.
   */
  needsConfirmation?: boolean;
}

/** What the recognizer needs to know besides the text. `now` is injected; nothing reads the clock. */
export interface NluContext {
  /** BCP 47 locale such as es-CO, es-MX, en-US; the language part picks the rule set. */
  locale: string;
  /** IANA time zone of the debtor, used to resolve relative dates. */
  timeZone: string;
  now: Date;
  /** The account currency, used when an amount is said without one. */
  currency?: string;
  /** Hints from the current state: the entity it asked for and the intents it accepts. */
  expected?: { entity?: keyof Entities; intents?: readonly string[] };
}
