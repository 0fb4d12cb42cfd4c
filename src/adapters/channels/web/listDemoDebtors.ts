import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { demoExternalIdPrefix } from './demoExternalIdPrefix';

/** What the simulator shows about a demo debtor: enough to role-play them, including the verification answers. */
export interface DemoDebtorCard {
  id: string;
  firstName: string;
  locale: string;
  country: string;
  creditor?: string;
  product?: string;
  balance?: { minor: number; currency: string };
  hints: { documentLast4?: string; birthDate?: string };
}

const money = z.object({ minor: z.number().int(), currency: z.string().regex(/^[A-Z]{3}$/) });
// Lenient on purpose: a profile missing a section still gets a card, just with fewer details.
const profileSchema = z.object({
  debtor: z.object({ documentLast4: z.string().optional(), birthDate: z.string().optional() }).partial().optional(),
  creditor: z.object({ name: z.string() }).partial().optional(),
  account: z.object({ product: z.string(), balance: money }).partial().optional(),
});

/** Lists the demo debtors (external_id `demo-…`) for the simulator's picker, oldest first. Does DB I/O. */
export async function listDemoDebtors(db: Kysely<DB>): Promise<DemoDebtorCard[]> {
  const rows = await db
    .selectFrom('debtors')
    .select(['externalId', 'firstName', 'locale', 'country', 'profile'])
    .where('externalId', 'like', `${demoExternalIdPrefix}%`)
    .orderBy('createdAt')
    .orderBy('externalId')
    .limit(50)
    .execute();
  return rows.map((row) => {
    const profile = profileSchema.safeParse(row.profile);
    const p = profile.success ? profile.data : {};
    return {
      id: row.externalId,
      firstName: row.firstName,
      locale: row.locale,
      country: row.country,
      creditor: p.creditor?.name,
      product: p.account?.product,
      balance: p.account?.balance,
      hints: { documentLast4: p.debtor?.documentLast4, birthDate: p.debtor?.birthDate },
    };
  });
}
