import { z } from 'zod';
import { isoDateSchema } from '../dates/isoDate';
import { moneySchema } from '../money/money';
import { resolvedPolicySchema } from '../policy/resolvedPolicy';

const instant = z.iso.datetime({ offset: true });

/** A plan installment as the service loads it, with what was paid toward it. */
const installmentFact = z.object({ number: z.number().int().min(0), amount: moneySchema, dueDate: isoDateSchema, paid: moneySchema.optional() });

/**
 * The facts the collections registry reads (built by the service for each step; see README.md). Extra keys are
 * allowed so other domains can add their own sections. Money is integer minor units; dates are ISO dates on the
 * debtor's calendar; instants are ISO 8601 with offset.
 */
export const collectionsFactsSchema = z.looseObject({
  debtor: z.looseObject({
    firstName: z.string().min(1),
    locale: z.string().min(2),
    timeZone: z.string().min(1),
    /** When a third party told us the debtor died (debtors.deceased_at): no collection, a person follows up. */
    deceasedAt: instant.nullable().optional(),
    /** Hashed verification factors (hashVerificationFactor); absent when the debtor has none on file. */
    verification: z
      .object({
        salt: z.string().min(8),
        hashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)).min(1),
        dateOrder: z.enum(['dmy', 'mdy']).optional(),
        /** A verification lock kept from an earlier conversation (audit VERIFICATION.LOCKED { lockUntil }). */
        lockedUntil: instant.nullable().optional(),
        /** When the debtor last passed verification (any conversation): within the re-verification window they are not asked again. */
      })
      .optional(),
  }),
  creditor: z.looseObject({ name: z.string().min(1) }),
  account: z.looseObject({
    id: z.string().min(1),
    product: z.string().min(1),
    balance: moneySchema,
    dueDate: isoDateSchema,
    daysPastDue: z.number().int().min(0),
    segment: z.string().nullable().optional(),
    /** 'disputed' while a dispute is open: no balance pressure, no plan, no link. */
    status: z.enum(['active', 'paid', 'disputed', 'closed']).optional(),
    breakdown: z.object({ principal: moneySchema, interest: moneySchema, fees: moneySchema }).optional(),
    lastPayment: z.object({ amount: moneySchema, paidAt: instant }).nullable().optional(),
    activePromise: z.object({ amount: moneySchema, dueDate: isoDateSchema, madeAt: instant, paid: moneySchema.optional() }).nullable().optional(),
    activePlan: z.object({ id: z.string().min(1), installments: z.array(installmentFact).min(1) }).nullable().optional(),
  }),
  /** The rule resolvePolicy picked for this account. */
  policy: resolvedPolicySchema,
  /** A signed link for the full balance, precomputed by the service with buildPaymentLink (the secret stays out). */
  paymentLink: z.object({ url: z.url(), amount: moneySchema, reference: z.string().min(1) }).optional(),
});

export type CollectionsFacts = z.infer<typeof collectionsFactsSchema>;
