import { z } from 'zod';

/**
 * The shape of the facts the default collections flows read (debtor, creditor, account, policy).
 * Demo and test fixtures follow it; the registry parses facts with it before reading them. Pure.
 */

const money = z.object({ minor: z.number().int(), currency: z.string().regex(/^[A-Z]{3}$/) });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD');

export const demoFactsSchema = z.object({
  debtor: z.object({
    firstName: z.string().min(1),
    locale: z.string().min(2),
    timeZone: z.string().min(1),
    country: z.string().length(2),
    documentLast4: z.string().regex(/^\d{4}$/),
    birthDate: isoDate,
  }),
  creditor: z.object({ name: z.string().min(1) }),
  account: z.object({
    id: z.string().min(1),
    product: z.string().min(1),
    /** The account currency; the engine formats amounts said without one in it. */
    currency: z.string().regex(/^[A-Z]{3}$/),
    balance: money,
    dueDate: isoDate,
    paymentLink: z.url(),
  }),
  policy: z.object({
    maxInstallments: z.number().int().min(1),
    minInstallment: money,
    maxPromiseDays: z.number().int().min(0),
    maxVerificationAttempts: z.number().int().min(1),
  }),
});

export type DemoFacts = z.infer<typeof demoFactsSchema>;
