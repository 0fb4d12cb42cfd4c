import { z } from 'zod';
import { FREQUENCIES } from '../../nlu/intents';

/**
 * The zod schema of a negotiation policy file (flows/policies/*.yaml; see README.md next to this file).
 * Unknown keys are rejected so a typo is reported instead of silently ignored. Cross-field checks (bucket gaps
 * and overlaps, min > max, currencies without a minimum installment) run after this in checkPolicySemantics.
 */

export const OFFER_KINDS = ['full_payment', 'settlement', 'installments'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

const name = z.string({ error: 'expected a name (text)' }).min(1, { error: 'a name cannot be empty' });

const wholeNumber = z
  .number({ error: 'expected a whole number' })
  .int({ error: 'expected a whole number, without decimals' })
  .min(0, { error: 'cannot be negative' });

const days = wholeNumber.max(3650, { error: 'more than 10 years: write a number of days up to 3650' });

/** A percentage 0–100 with at most two decimals, so it converts exactly to basis points. */
const percent = z
  .number({ error: 'expected a percentage such as 10 or 12.5' })
  .min(0, { error: 'a percentage must be between 0 and 100' })
  .max(100, { error: 'a percentage must be between 0 and 100' })
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, { error: 'use at most two decimals, e.g. 12.25' });

const currencyCode = z.string({ error: 'expected a currency code' }).regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 code in capitals, e.g. COP' });

const frequency = z.enum(FREQUENCIES, { error: (iss) => `unknown frequency ${JSON.stringify(iss.input)}: use ${FREQUENCIES.join(', ')}` });
const offerKind = z.enum(OFFER_KINDS, { error: (iss) => `unknown offer ${JSON.stringify(iss.input)}: use ${OFFER_KINDS.join(', ')}` });

const settlementSchema = z.strictObject({ maxDiscountPercent: percent, payWithinDays: days });

const installmentsSchema = z.strictObject({
  minDownPaymentPercent: percent,
  maxCount: wholeNumber.min(1, { error: 'at least 1 installment' }).max(120, { error: 'at most 120 installments' }),
  /** Minimum installment per currency, in minor units (COP 5000000 = $50.000). */
  minAmountMinor: z.record(currencyCode, wholeNumber.min(1, { error: 'a minimum installment must be at least 1 minor unit' }), {
    error: 'expected a table of currency: minor units, e.g. { COP: 5000000, USD: 2500 }',
  }),
  frequencies: z.array(frequency, { error: 'expected a list such as [weekly, monthly]' }).min(1, { error: 'allow at least one frequency' }),
  maxPlanDays: days.min(1, { error: 'a plan must be allowed at least 1 day' }),
  firstPaymentWithinDays: days,
});

const promiseSchema = z.strictObject({ maxDays: days, graceDays: days });

const offersSchema = z
  .array(offerKind, { error: 'expected a list such as [full_payment, settlement, installments]' })
  .min(1, { error: 'list at least one offer' });

const termsShape = {
  offers: offersSchema,
  maxCounterOffers: wholeNumber.max(20, { error: 'at most 20 counter-offers' }),
  settlement: settlementSchema,
  installments: installmentsSchema,
  promise: promiseSchema,
};

/** Complete negotiation terms: every file's `defaults`. */
export const termsSchema = z.strictObject(termsShape);

/** Terms a portfolio, bucket or segment overrides; sections merge key by key over the defaults. */
const termsPatchShape = {
  offers: offersSchema.optional(),
  maxCounterOffers: termsShape.maxCounterOffers.optional(),
  settlement: settlementSchema.partial().optional(),
  installments: installmentsSchema.partial().optional(),
  promise: promiseSchema.partial().optional(),
};
export const termsPatchSchema = z.strictObject(termsPatchShape);

const rangeSchema = z.strictObject({ from: wholeNumber, to: wholeNumber.optional() });
const balanceBandSchema = z.strictObject({ fromMinor: wholeNumber, toMinor: wholeNumber.optional() });

export const bucketSchema = z.strictObject({
  id: name,
  /** Inclusive days-past-due range; omit `to` for "and above". */
  daysPastDue: rangeSchema,
  /** Inclusive balance band in minor units of the portfolio currency; omit `toMinor` for "and above". */
  balance: balanceBandSchema.optional(),
  ...termsPatchShape,
});

export const segmentSchema = z.strictObject({
  id: name,
  /** The account's explicit segment value (CSV column `segment`) this rule applies to. */
  segment: name,
  ...termsPatchShape,
});

export const portfolioSchema = z.strictObject({
  id: name,
  creditor: name,
  /** Omit to cover every product of the creditor. */
  product: name.optional(),
  currency: currencyCode.optional(),
  terms: termsPatchSchema.optional(),
  buckets: z.array(bucketSchema).min(1, { error: 'list at least one bucket, or remove `buckets:` to use the file buckets' }).optional(),
  segments: z.array(segmentSchema).optional(),
});

export const policyFileSchema = z.strictObject({
  id: name,
  description: z.string().optional(),
  /** Currencies this file serves; each needs a minimum installment in every rule. */
  currencies: z.array(currencyCode).min(1, { error: 'list at least one currency' }),
  defaults: termsSchema,
  buckets: z.array(bucketSchema).min(1, { error: 'list at least one bucket, e.g. { id: all, daysPastDue: { from: 0 } }' }),
  segments: z.array(segmentSchema).optional(),
  portfolios: z.array(portfolioSchema).optional(),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;
export type Terms = z.infer<typeof termsSchema>;
export type TermsPatch = z.infer<typeof termsPatchSchema>;
export type Bucket = z.infer<typeof bucketSchema>;
export type Segment = z.infer<typeof segmentSchema>;
export type Portfolio = z.infer<typeof portfolioSchema>;
