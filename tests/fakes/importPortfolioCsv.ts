import { z } from 'zod';

const summarySchema = z.object({
  summary: z.object({
    rows: z.number(),
    debtors: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
    accounts: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
  }),
});

export type ImportedSummary = z.infer<typeof summarySchema>['summary'];

/**
 * Imports a portfolio CSV into a running service the way an operator does: POST /api/portfolio/import (text/csv)
 * with an admin or service bearer token. Throws with the service's answer when it is not 200. Does network I/O.
 */
export async function importPortfolioCsv(serviceUrl: string, token: string, csv: string): Promise<ImportedSummary> {
  const res = await fetch(`${serviceUrl}/api/portfolio/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`portfolio import answered ${res.status}: ${text}`);
  return summarySchema.parse(JSON.parse(text)).summary;
}
