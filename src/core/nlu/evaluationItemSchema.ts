import { z } from 'zod';
import { FREQUENCIES } from './intents';

const moneySchema = z.strictObject({
  minor: z.number().int(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as COP').optional(),
});

const entitiesSchema = z.strictObject({
  amount: moneySchema.optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD').optional(),
  count: z.number().int().positive().optional(),
  frequency: z.enum(FREQUENCIES).optional(),
  identifier: z.string().min(1).optional(),
});

/** One labelled utterance of an NLU evaluation file (docs/architecture.md): `{ text, locale, intent, entities? }`. */
export const evaluationItemSchema = z.strictObject({
  text: z.string().min(1),
  locale: z.string().regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, 'must be a BCP 47 locale such as es-CO'),
  intent: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be an intent name such as promise_to_pay'),
  entities: entitiesSchema.optional(),
});

export type EvaluationItem = z.infer<typeof evaluationItemSchema>;
