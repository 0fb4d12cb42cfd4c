import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import type { DebtorInput } from './upsertDebtor';
import { upsertDebtor } from './upsertDebtor';

/**
 * Makes a web simulator session address (the session id) a contact point of the given debtor, creating or
 * updating the debtor by external id. The simulator then enqueues inbound messages with channel 'web' and
 * from = sessionId and reads replies from the messages table. Does I/O in one transaction.
 */
export async function findOrCreateWebDebtorSession(
  db: Kysely<DB>,
  input: { sessionId: string; debtor: Omit<DebtorInput, 'contactPoints'> },
): Promise<{ debtorId: string; address: string }> {
  return db.transaction().execute(async (trx) => {
    const { debtorId } = await upsertDebtor(trx, {
      ...input.debtor,
      contactPoints: [{ channel: 'web', address: input.sessionId, consent: true }],
    });
    return { debtorId, address: input.sessionId };
  });
}
