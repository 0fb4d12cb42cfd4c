import type { Frequency } from './intents';
import { prepareText } from './prepareText';
import type { PreparedText } from './prepareText';

// Biweekly first: "cada 15 dias" and "every two weeks" must not read as weekly.
const FREQUENCY_RULES: ReadonlyArray<[RegExp, Frequency]> = [
  [/\b(?:quincenal(?:es|mente)?|cada (?:15 dias|2 semanas|quincena)|por quincena|a la quincena|(?:bi|semi) ?weekly|bi ?monthly pay|every (?:2 weeks|other week)|fortnightly|twice a month|semimonthly|quincenas)\b/, 'biweekly'],
  [/\b(?:semanal(?:es|mente)?|cada semana|por semana|a la semana|x semana|weekly|every week|(?<!in )a week|per week|each week)\b/, 'weekly'],
  [/\b(?:mensual(?:es|mente|idad|idades)?|cada mes|por mes|al mes|x mes|monthly|every month|(?<!in )a month|per month|each month|mes a mes)\b/, 'monthly'],
];

/** Parses a payment frequency ("semanal", "cada quince días", "every two weeks", "mensual"). Pure. */
export function parseFrequency(text: string, locale: string): Frequency | undefined {
  return readFrequency(prepareText(text, locale));
}

/** Finds a payment frequency in prepared text. Pure. */
export function readFrequency(text: PreparedText): Frequency | undefined {
  for (const [re, frequency] of FREQUENCY_RULES) if (re.test(text.num)) return frequency;
  return undefined;
}
