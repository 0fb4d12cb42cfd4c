import { z } from 'zod';
import { FREQUENCIES } from '../../nlu/intents';
import { moneySchema } from '../money/money';
import { OFFER_KINDS } from './policyFileSchema';

const count = z.number().int().min(0);
const basisPoints = z.number().int().min(0).max(10_000);

/**
 * The negotiation rule that applies to one account, in integers only (basis points, minor units, days): what
 * resolvePolicy returns, what the service puts in facts.policy, and what the plan calculator and negotiation read.
 */
export const resolvedPolicySchema = z.object({
  policyId: z.string().min(1),
  portfolioId: z.string().min(1),
  /** Id of the bucket or segment that matched. */
  ruleId: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** Offers in the order the bot makes them. */
  offers: z.array(z.enum(OFFER_KINDS)).min(1),
  maxCounterOffers: count,
  settlement: z.object({ maxDiscountBp: basisPoints, payWithinDays: count }),
  installments: z.object({
    minDownPaymentBp: basisPoints,
    maxCount: z.number().int().min(1),
    minAmount: moneySchema,
    frequencies: z.array(z.enum(FREQUENCIES)).min(1),
    maxPlanDays: z.number().int().min(1),
    firstPaymentWithinDays: count,
  }),
  promise: z.object({ maxDays: count, graceDays: count }),
});

export type ResolvedPolicy = z.infer<typeof resolvedPolicySchema>;
