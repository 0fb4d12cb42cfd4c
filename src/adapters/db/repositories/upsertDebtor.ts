import type { Kysely } from 'kysely';
import type { ChannelKind } from '../../../ports/channel';
import type { DB } from '../schema';

export interface DebtorInput {
  externalId: string;
  firstName: string;
  lastName?: string;
  locale: string;
  timezone: string;
  country: string;
  /** Demo/test facts (creditor, account, policy, verification factors) until accounts exist. */
  profile?: Record<string, unknown>;
  contactPoints?: ReadonlyArray<{ channel: ChannelKind; address: string; consent?: boolean }>;
}

/**
 * Inserts or updates a debtor by external id and attaches its contact points (an address already owned by
 * another debtor moves to this one). Returns the debtor id. Does I/O; run it inside a transaction for atomicity.
 */
export async function upsertDebtor(db: Kysely<DB>, input: DebtorInput): Promise<{ debtorId: string }> {
  const values = {
    externalId: input.externalId,
    firstName: input.firstName,
    lastName: input.lastName ?? '',
    locale: input.locale,
    timezone: input.timezone,
    country: input.country,
    profile: JSON.stringify(input.profile ?? {}),
  };
  const { id } = await db
    .insertInto('debtors')
    .values(values)
    .onConflict((oc) =>
      oc.column('externalId').doUpdateSet({
        firstName: values.firstName,
        lastName: values.lastName,
        locale: values.locale,
        timezone: values.timezone,
        country: values.country,
        profile: values.profile,
        updatedAt: new Date(),
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const cp of input.contactPoints ?? []) {
    await db
      .insertInto('contactPoints')
      .values({ debtorId: id, channel: cp.channel, address: cp.address, consent: cp.consent ?? true })
      .onConflict((oc) => oc.columns(['channel', 'address']).doUpdateSet({ debtorId: id }))
      .execute();
  }
  return { debtorId: id };
}
