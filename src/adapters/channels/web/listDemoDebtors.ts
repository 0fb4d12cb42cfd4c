import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { formatMoney } from '../../../core/collections/money/formatMoney';
import type { DB } from '../../db/schema';

/** What the simulator shows about a demo debtor: enough to role-play them, including the verification answers. */
export interface DemoDebtorCard {
  id: string;
  firstName: string;
  /** First and last name, as the portfolio has them. */
  name: string;
  locale: string;
  country: string;
  creditor?: string;
  product?: string;
  /** The current balance of the debtor's main account (it moves with payments). */
  balance?: { minor: number; currency: string };
  /** The balance as the debtor's locale writes it (COP without cents, CLP has none), e.g. "$ 1.050.000". */
  balanceText?: string;
  hints: { documentLast4?: string; birthDate?: string };
  /** What to type when the bot asks to verify, e.g. ['1234', '12/04/1988'] (the birth date in the country's order). */
  verifyWith: string[];
}

const money = z.object({ minor: z.number().int(), currency: z.string().regex(/^[A-Z]{3}$/) });
// Lenient on purpose: a profile missing a section still gets a card, just with fewer details.
const profileSchema = z.object({
  debtor: z.object({ documentLast4: z.string().optional(), birthDate: z.string().optional() }).partial().optional(),
  creditor: z.object({ name: z.string() }).partial().optional(),
  account: z.object({ product: z.string(), balance: money }).partial().optional(),
});

/**
 * Lists the demo debtors (debtors.demo, set only by seedDemo) for the simulator's picker, oldest first: name, country, the
 * creditor, product and live balance of their main account (else the profile's), and what to type to verify
 * (the hints seedDemo stores in the profile). Does DB I/O.
 */
export async function listDemoDebtors(db: Kysely<DB>): Promise<DemoDebtorCard[]> {
  const rows = await db
    .selectFrom('debtors')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('accounts')
          .select(['accounts.creditor', 'accounts.product', 'accounts.balanceMinor', 'accounts.currency'])
          .whereRef('accounts.debtorId', '=', 'debtors.id')
          .orderBy(sql`accounts.status IN ('active', 'disputed')`, 'desc')
          .orderBy('accounts.balanceMinor', 'desc')
          .limit(1)
          .as('account'),
      (join) => join.onTrue(),
    )
    .select(['debtors.externalId', 'debtors.firstName', 'debtors.lastName', 'debtors.locale', 'debtors.country', 'debtors.profile'])
    .select(['account.creditor', 'account.product', 'account.balanceMinor', 'account.currency'])
    .where('debtors.demo', '=', true)
    .orderBy('debtors.createdAt')
    .orderBy('debtors.externalId')
    .limit(50)
    .execute();
  return rows.map((row) => {
    const profile = profileSchema.safeParse(row.profile);
    const p = profile.success ? profile.data : {};
    const hints = { documentLast4: p.debtor?.documentLast4, birthDate: p.debtor?.birthDate };
    const balance = row.balanceMinor !== null && row.currency !== null ? { minor: Number(row.balanceMinor), currency: row.currency } : p.account?.balance;
    return {
      id: row.externalId,
      firstName: row.firstName,
      name: [row.firstName, row.lastName].filter(Boolean).join(' '),
      locale: row.locale,
      country: row.country,
      creditor: row.creditor ?? p.creditor?.name,
      product: row.product ?? p.account?.product,
      balance,
      ...(balance ? { balanceText: formatMoney(balance, row.locale) } : {}),
      hints,
      verifyWith: verifyAnswers(hints, row.country),
    };
  });
}

/** The document digits and the birth date as a debtor of that country writes it (US month first). */
function verifyAnswers(hints: { documentLast4?: string; birthDate?: string }, country: string): string[] {
  const answers = hints.documentLast4 ? [hints.documentLast4] : [];
  const date = hints.birthDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(hints.birthDate) : null;
  if (date) answers.push(country === 'US' ? `${date[2]}/${date[3]}/${date[1]}` : `${date[3]}/${date[2]}/${date[1]}`);
  return answers;
}
