import { z } from 'zod';

const money = z.object({ minor: z.number(), currency: z.string().optional() });

/** The parts of an approval request's payload the console shows (the rest is kept as raw JSON). */
export const approvalPayloadSchema = z.object({
  kind: z.string().optional(),
  reason: z.string().optional(),
  violations: z.array(z.object({ code: z.string(), message: z.string() })).default([]),
  requested: z
    .object({ kind: z.string().optional(), amount: money.optional(), count: z.number().optional(), frequency: z.string().optional(), date: z.string().optional(), downPayment: money.optional() })
    .partial()
    .optional(),
  counterProposal: z.unknown().optional(),
  balance: money.optional(),
  policy: z.object({ policyId: z.string(), portfolioId: z.string(), ruleId: z.string() }).partial().optional(),
});
export type ApprovalPayload = z.infer<typeof approvalPayloadSchema>;

/** Reads a stored approval payload leniently (missing parts are left out). Pure. */
export function readApprovalPayload(value: unknown): ApprovalPayload {
  const parsed = approvalPayloadSchema.safeParse(value);
  return parsed.success ? parsed.data : { violations: [] };
}
