import { z } from 'zod';
import { isKnownCurrency } from '../core/collections/money/currencyDigits';

/**
 * Body of POST /api/payments. `amount` is an integer in the currency's minor units (cents, centavos; CLP has
 * none), never a decimal: the creditor's systems already hold money that way, and a JSON number with a fraction
 * would invite float rounding. `paid_at` is an ISO instant with offset.
 */
export const paymentInputSchema = z.strictObject({
  external_payment_id: z.string().trim().min(1, { error: 'give the id of the payment in your system' }).max(200),
  account_id: z.string().trim().min(1, { error: 'give the account_id of the portfolio file' }).max(200),
  amount: z
    .number({ error: 'must be a whole number of minor units, e.g. 125050 for 1,250.50' })
    .int({ error: 'must be a whole number of minor units, e.g. 125050 for 1,250.50' })
    .positive({ error: 'must be greater than 0' })
    .refine(Number.isSafeInteger, { error: 'is too large to be exact' }),
  currency: z.string().refine(isKnownCurrency, { error: 'must be an ISO 4217 code such as COP, MXN, PEN, CLP, EUR or USD' }),
  paid_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant such as 2026-11-20T15:04:05-05:00' }),
});

export type PaymentInput = z.infer<typeof paymentInputSchema>;
