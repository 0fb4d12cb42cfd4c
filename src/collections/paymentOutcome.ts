import { z } from 'zod';
import { moneySchema } from '../core/collections/money/money';

/**
 * What recording a payment did, as returned by POST /api/payments and stored with the payment so a replay of
 * the same external_payment_id returns exactly the first answer.
 */
export const paymentOutcomeSchema = z.object({
  paymentId: z.string(),
  externalPaymentId: z.string(),
  /** The account's external id (CSV account_id). */
  accountId: z.string(),
  amount: moneySchema,
  paidAt: z.string(),
  /** The part of the payment that lowered the balance. */
  applied: moneySchema,
  /** The part above the balance (to refund or hold); 0 normally. */
  overpayment: moneySchema,
  balance: moneySchema,
  accountStatus: z.enum(['active', 'paid', 'disputed', 'closed']),
  promise: z.object({ id: z.string(), status: z.enum(['pending', 'kept', 'partially_kept', 'broken', 'cancelled']), paid: moneySchema }).nullable(),
  plan: z.object({ id: z.string(), status: z.enum(['active', 'completed', 'broken', 'cancelled']), installmentsPaid: z.array(z.number().int()) }).nullable(),
  /** True when this answer is the stored one of an earlier request with the same external_payment_id. */
  replayed: z.boolean(),
});

export type PaymentOutcome = z.infer<typeof paymentOutcomeSchema>;
