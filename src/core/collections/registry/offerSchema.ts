import { z } from 'zod';
import { FREQUENCIES } from '../../nlu/intents';
import { isoDateSchema } from '../dates/isoDate';
import { moneySchema } from '../money/money';

const installment = z.object({ number: z.number().int().min(0), kind: z.enum(['down_payment', 'installment']), amount: moneySchema, dueDate: isoDateSchema });

/** zod schema of an Offer, to read one back from a session slot (slots are untyped JSON). */
export const offerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('full_payment'), amount: moneySchema, payBy: isoDateSchema }),
  z.object({ kind: z.literal('settlement'), amount: moneySchema, discount: moneySchema, discountBp: z.number().int(), payBy: isoDateSchema }),
  z.object({
    kind: z.literal('plan'),
    plan: z.object({
      total: moneySchema,
      downPayment: moneySchema.nullable(),
      count: z.number().int().min(1),
      frequency: z.enum(FREQUENCIES),
      installments: z.array(installment).min(1),
      firstDueDate: isoDateSchema,
      lastDueDate: isoDateSchema,
    }),
  }),
  z.object({ kind: z.literal('promise'), amount: moneySchema, date: isoDateSchema }),
]);
